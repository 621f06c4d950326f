package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.session.SharedStore;
import io.tlsconnector.session.SharedStores;

/**
 * A fleet sharing session-ticket keys through a real Redis or memcached (mod_ssl {@code SSLSessionCache
 * redis:}/{@code memcache:}): a session from node A resumes on node B; a store outage fails no
 * handshake (F1) and sharing returns when the store does; 32 concurrent clients see no error (F24).
 * Run once per adapter by a subclass naming its {@link ContainerUnderTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FleetResumptionContract {
    /** Background refresh of the fleet's keys in these tests; production default is one minute. */
    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final Duration STORE_TIMEOUT = Duration.ofMillis(100);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Path dir;
    private TestPki pki;
    private TestPki.Issued localhost;
    private TestPki.Issued other;

    protected abstract ContainerUnderTest container();

    @BeforeAll
    void createPki(@TempDir Path files) {
        dir = files;
        pki = TestPki.create();
        localhost = pki.issueServer("localhost", "localhost", "127.0.0.1");
        other = pki.issueServer("other.test", "other.test");
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T owned(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A node of the fleet: its own runtime and engine state, ticket keys from {@code store}. */
    private ContainerUnderTest.Running node(SharedStore store) throws Exception {
        TlsConfig config = TlsConfig.builder()
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.of(localhost.privateKey(), localhost.fullChain()))
                        .build())
                .virtualHost(VirtualHost.builder("other.test")
                        .certificate(CertificateSource.of(other.privateKey(), other.fullChain()))
                        .build())
                .sessionCache(store)
                .sessionTicketKeyRotation(Duration.ofHours(1), REFRESH)
                .build();
        TlsRuntime runtime = owned(TlsRuntime.start(config));
        assertThat(runtime.defaultHost().engineName()).isEqualTo("BoringSSL (netty-tcnative)");
        return owned(container().start(runtime));
    }

    /** s_client: a session from {@code from}, offered to {@code to}. */
    private SClient.Outcome resumeAcross(int from, int to, String protocolOption) {
        return resumeAcross(from, "localhost", to, "localhost", protocolOption);
    }

    /** s_client: a session from host {@code fromHost} of node {@code from}, offered to {@code toHost} of node {@code to}. */
    private SClient.Outcome resumeAcross(int from, String fromHost, int to, String toHost, String protocolOption) {
        Path session = dir.resolve("session-" + System.nanoTime() + ".pem");
        SClient.Outcome first = SClient.exchange(from, fromHost, "GET / HTTP/1.1\r\nHost: " + fromHost + "\r\nConnection: close\r\n\r\n",
                protocolOption, "-sess_out", session.toString());
        assertThat(first.connected()).as(first.output()).isTrue();
        assertThat(Files.exists(session)).as(first.output()).isTrue();
        return SClient.exchange(to, toHost, "GET / HTTP/1.1\r\nHost: " + toHost + "\r\nConnection: close\r\n\r\n",
                protocolOption, "-sess_in", session.toString());
    }

    /**
     * As {@link #resumeAcross}, tried again for up to 5 s while the nodes' background refresh catches up
     * with the store (every 100 ms here).
     */
    private SClient.Outcome eventuallyResumesAcross(int from, int to, String protocolOption) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        SClient.Outcome outcome = resumeAcross(from, to, protocolOption);
        while (!outcome.reused() && System.nanoTime() < deadline) {
            Thread.sleep(REFRESH.toMillis());
            outcome = resumeAcross(from, to, protocolOption);
        }
        return outcome;
    }

    abstract class TwoNodesSharingAStore {
        ContainerUnderTest.Running nodeA;
        ContainerUnderTest.Running nodeB;

        abstract StoreServer startStore();

        abstract SharedStore client(StoreServer server);

        @BeforeAll
        void startNodes() throws Exception {
            SharedStore store = owned(client(owned(startStore())));
            nodeA = node(store);
            nodeB = node(store);
        }

        @Test
        void aTls13SessionFromNodeAResumesOnNodeB() throws Exception {
            SClient.Outcome outcome = eventuallyResumesAcross(nodeA.port(), nodeB.port(), "-tls1_3");
            assertThat(outcome.reused()).as(outcome.output()).isTrue();
            assertThat(outcome.output()).contains("io.tlsconnector.session_resumed=Resumed");
        }

        @Test
        void aSessionFromOneHostIsNeverResumedUnderAnotherThoughTheyShareTicketKeys() throws Exception {
            // Sharing works (so a full handshake below is the hosts' isolation, not a cold store).
            assertThat(eventuallyResumesAcross(nodeA.port(), nodeB.port(), "-tls1_3").reused()).isTrue();
            for (String protocol : List.of("-tls1_2", "-tls1_3")) {
                SClient.Outcome crossed = resumeAcross(nodeA.port(), "localhost", nodeB.port(), "other.test", protocol);
                assertThat(crossed.connected()).as(crossed.output()).isTrue();
                assertThat(crossed.reused()).as("%s: a localhost session offered to other.test", protocol).isFalse();
            }
        }

        @Test
        void aTls12SessionFromNodeBResumesOnNodeA() throws Exception {
            SClient.Outcome outcome = eventuallyResumesAcross(nodeB.port(), nodeA.port(), "-tls1_2");
            assertThat(outcome.reused()).as(outcome.output()).isTrue();
            assertThat(outcome.protocol()).isEqualTo("TLSv1.2");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThroughRedis extends TwoNodesSharingAStore {
        @Override
        StoreServer startStore() {
            return StoreServer.redis(dir);
        }

        @Override
        SharedStore client(StoreServer server) {
            return SharedStores.redis(List.of(server.address()), STORE_TIMEOUT);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThroughMemcached extends TwoNodesSharingAStore {
        @Override
        StoreServer startStore() {
            return StoreServer.memcached(dir);
        }

        @Override
        SharedStore client(StoreServer server) {
            return SharedStores.memcached(List.of(server.address()), STORE_TIMEOUT);
        }
    }

    @Nested
    class WhenRedisDies {
        @Test
        void noHandshakeFailsAndSharingReturnsWhenRedisIsBack() throws Exception {
            StoreServer redis = owned(StoreServer.redis(dir));
            SharedStore store = owned(SharedStores.redis(List.of(redis.address()), STORE_TIMEOUT));
            ContainerUnderTest.Running nodeA = node(store);
            ContainerUnderTest.Running nodeB = node(store);
            assertThat(eventuallyResumesAcross(nodeA.port(), nodeB.port(), "-tls1_3").reused()).isTrue();

            try (HandshakeLoad load = new HandshakeLoad(4, nodeA::port, nodeB::port)) {
                Thread.sleep(300);
                redis.kill();
                Thread.sleep(5 * REFRESH.toMillis());
                // Nodes keep the fleet's keys through the outage, and a node started now serves on its own keys.
                assertThat(resumeAcross(nodeA.port(), nodeB.port(), "-tls1_3").reused()).isTrue();
                ContainerUnderTest.Running nodeC = node(store);
                SClient.Outcome alone = resumeAcross(nodeA.port(), nodeC.port(), "-tls1_3");
                assertThat(alone.connected()).as(alone.output()).isTrue();
                assertThat(alone.reused()).as("node C never saw the fleet's keys: %s", alone.output()).isFalse();

                redis.start();
                SClient.Outcome back = eventuallyResumesAcross(nodeA.port(), nodeC.port(), "-tls1_3");
                assertThat(back.reused()).as(back.output()).isTrue();
                Thread.sleep(300);
                load.stop();
                assertThat(load.failures()).as(load.firstFailure()).isZero();
                assertThat(load.handshakes()).isGreaterThan(20);
            }
        }
    }

    @Nested
    class UnderConcurrentLoad {
        /** Handshakes per client: 32 × 64 = 2,048 per adapter on a 2-core machine; half of them resume. */
        static final int HANDSHAKES_PER_CLIENT = 64;

        @Test
        void thirtyTwoClientsWithHalfTheirHandshakesResumingSeeNoError() throws Exception {
            StoreServer redis = owned(StoreServer.redis(dir));
            SharedStore store = owned(SharedStores.redis(List.of(redis.address()), STORE_TIMEOUT));
            ContainerUnderTest.Running nodeA = node(store);
            ContainerUnderTest.Running nodeB = node(store);
            SSLContext[] resuming = new SSLContext[32];
            ExecutorService clients = Executors.newFixedThreadPool(32);
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger resumed = new AtomicInteger();
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int client = c;
                resuming[c] = TrustingClients.sslContextTrusting(pki.rootCertificate());
                runs.add(clients.submit(() -> {
                    int port = client % 2 == 0 ? nodeA.port() : nodeB.port();
                    for (int i = 0; i < HANDSHAKES_PER_CLIENT; i++) {
                        SSLContext context = i % 2 == 0 ? TrustingClients.sslContextTrusting(pki.rootCertificate()) : resuming[client];
                        try {
                            if (HandshakeLoad.get(context, port).contains("session_resumed=Resumed")) {
                                resumed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(90, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertThat(errors.get()).isZero();
            // Every client's first resumable connection is a full handshake; its other ones resume.
            assertThat(resumed.get()).isEqualTo(32 * (HANDSHAKES_PER_CLIENT / 2 - 1));
        }
    }

    /** Full handshakes from {@code threads} clients against two nodes, until stopped; counts failures. */
    final class HandshakeLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger handshakes = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private volatile String firstFailure = "none";
        private final ExecutorService pool;

        HandshakeLoad(int threads, IntSupplier... ports) {
            pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                IntSupplier port = ports[t % ports.length];
                pool.submit(() -> {
                    while (running.get()) {
                        try {
                            get(TrustingClients.sslContextTrusting(pki.rootCertificate()), port.getAsInt());
                            handshakes.incrementAndGet();
                        } catch (Exception e) {
                            if (failures.getAndIncrement() == 0) {
                                firstFailure = e.toString();
                            }
                        }
                    }
                });
            }
        }

        /** One HTTPS GET on a new connection; the response text. */
        static String get(SSLContext context, int port) throws Exception {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!response.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException("unexpected answer: " + response);
                }
                return response;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        }

        int handshakes() {
            return handshakes.get();
        }

        int failures() {
            return failures.get();
        }

        String firstFailure() {
            return firstFailure;
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
