package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import io.tlsconnector.internal.engine.LoadedHost;

/**
 * Sessions that resume on another server (mod_ssl SSLSessionTicketKeyFile): two servers of the same
 * adapter, each with its own runtime and engine state, share a certificate and a ticket-key file, and
 * {@code openssl s_client -sess_out} on node A then {@code -sess_in} on node B reports {@code Reused},
 * over TLS 1.3 and TLS 1.2. Run once per adapter by a subclass naming its {@link ContainerUnderTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedResumptionContract {
    protected Path dir;
    protected TestPki pki;
    protected Path ticketKeys;
    protected TestPki.Issued localhost;
    protected TestPki.Issued tls12;
    protected TestPki.Issued suites;
    protected TestPki.Issued other;
    private final List<AutoCloseable> started = new ArrayList<>();
    protected TlsRuntime runtimeA;
    protected ContainerUnderTest.Running nodeA;
    protected ContainerUnderTest.Running nodeB;

    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    @BeforeAll
    void startTwoNodes(@TempDir Path files) throws Exception {
        dir = files;
        pki = TestPki.create();
        localhost = pki.issueServer("localhost", "localhost", "127.0.0.1");
        tls12 = pki.issueServerRsa("tls12.test", "tls12.test");
        suites = pki.issueServer("suites.test", "suites.test");
        other = pki.issueServer("other.test", "other.test");
        ticketKeys = writeTicketKeys("ticket.key", 1);
        runtimeA = TlsRuntime.start(config(ticketKeys));
        nodeA = start(runtimeA);
        nodeB = start(TlsRuntime.start(config(ticketKeys)));
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** Starts a server for {@code runtime}; both are stopped after the class. */
    protected ContainerUnderTest.Running start(TlsRuntime runtime) throws Exception {
        started.add(runtime);
        ContainerUnderTest.Running node = container().start(runtime);
        started.add(node);
        return node;
    }

    /**
     * localhost (TLS 1.2 and 1.3), tls12.test (TLS 1.2 only), suites.test (one TLS 1.2 cipher suite) and
     * other.test (as localhost, its own certificate), the same certificates on every node.
     */
    protected TlsConfig config(Path keyFile) {
        return TlsConfig.builder()
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.of(localhost.privateKey(), localhost.fullChain()))
                        .build())
                .virtualHost(VirtualHost.builder("tls12.test")
                        .protocols("TLSv1.2")
                        .certificate(CertificateSource.of(tls12.privateKey(), tls12.fullChain()))
                        .build())
                .virtualHost(VirtualHost.builder("suites.test")
                        .protocols("TLSv1.2")
                        .cipherSuite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                        .certificate(CertificateSource.of(suites.privateKey(), suites.fullChain()))
                        .build())
                .virtualHost(VirtualHost.builder("other.test")
                        .certificate(CertificateSource.of(other.privateKey(), other.fullChain()))
                        .build())
                .sessionTicketKeyFile(keyFile)
                .build();
    }

    /** {@code count} random 48-byte keys in mod_ssl's layout. */
    protected Path writeTicketKeys(String name, int count) {
        byte[] keys = new byte[48 * count];
        new SecureRandom().nextBytes(keys);
        return write(dir.resolve(name), keys);
    }

    protected static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects to {@code from}, saves the session, then offers it to {@code to}. */
    protected SClient.Outcome resumeAcross(int from, int to, String serverName, String protocolOption) {
        Path session = dir.resolve("session-" + System.nanoTime() + ".pem");
        SClient.Outcome first = SClient.exchange(from, serverName, request(serverName), protocolOption, "-sess_out", session.toString());
        assertThat(first.connected()).as(first.output()).isTrue();
        assertThat(first.reused()).as(first.output()).isFalse();
        assertThat(Files.exists(session)).as("s_client saved no session: %s", first.output()).isTrue();
        return SClient.exchange(to, serverName, request(serverName), protocolOption, "-sess_in", session.toString());
    }

    protected static String request(String host) {
        return "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    @Nested
    class AcrossServers {
        @Test
        void aTls13SessionFromNodeAResumesOnNodeB() {
            SClient.Outcome resumed = resumeAcross(nodeA.port(), nodeB.port(), "localhost", "-tls1_3");
            assertThat(resumed.reused()).as(resumed.output()).isTrue();
            assertThat(resumed.protocol()).isEqualTo("TLSv1.3");
        }

        @Test
        void aTls12SessionFromNodeAResumesOnNodeB() {
            SClient.Outcome resumed = resumeAcross(nodeA.port(), nodeB.port(), "localhost", "-tls1_2");
            assertThat(resumed.reused()).as(resumed.output()).isTrue();
            assertThat(resumed.protocol()).isEqualTo("TLSv1.2");
        }

        @Test
        void aSessionFromOneHostIsAFullHandshakeUnderAnotherSharingTheKeyFile() {
            for (String protocol : List.of("-tls1_2", "-tls1_3")) {
                Path session = dir.resolve("cross-host-" + System.nanoTime() + ".pem");
                SClient.Outcome first = SClient.exchange(nodeA.port(), "localhost", request("localhost"), protocol,
                        "-sess_out", session.toString());
                assertThat(first.connected()).as(first.output()).isTrue();
                SClient.Outcome crossed = SClient.exchange(nodeB.port(), "other.test", request("other.test"), protocol,
                        "-sess_in", session.toString());
                assertThat(crossed.connected()).as(crossed.output()).isTrue();
                assertThat(crossed.reused()).as("%s: a localhost session offered to other.test", protocol).isFalse();
                assertThat(crossed.output()).contains("io.tlsconnector.virtual_host=other.test");
            }
        }

        @Test
        void theServletSeesTheResumption() {
            SClient.Outcome resumed = resumeAcross(nodeB.port(), nodeA.port(), "localhost", "-tls1_3");
            assertThat(resumed.output()).contains("io.tlsconnector.session_resumed=Resumed");
        }

        @Test
        void aServerWithOtherKeysDoesNotResume() throws Exception {
            ContainerUnderTest.Running stranger = start(TlsRuntime.start(config(writeTicketKeys("other.key", 1))));
            SClient.Outcome outcome = resumeAcross(nodeA.port(), stranger.port(), "localhost", "-tls1_3");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.reused()).as(outcome.output()).isFalse();
            assertThat(outcome.output()).contains("io.tlsconnector.session_resumed=Initial");
        }

        @Test
        void aRotatedFileStillDecryptsTicketsOfTheKeyItRetired() throws Exception {
            byte[] rotated = new byte[96];
            new SecureRandom().nextBytes(rotated);
            System.arraycopy(Files.readAllBytes(ticketKeys), 0, rotated, 48, 48);
            ContainerUnderTest.Running next = start(TlsRuntime.start(config(write(dir.resolve("rotated.key"), rotated))));
            SClient.Outcome outcome = resumeAcross(nodeA.port(), next.port(), "localhost", "-tls1_2");
            assertThat(outcome.reused()).as(outcome.output()).isTrue();
        }
    }

    @Nested
    class OnTheBoringSslEngine {
        @Test
        void everyHostRunsOnIt() {
            assertThat(runtimeA.hosts()).extracting(LoadedHost::engineName).containsOnly("BoringSSL (netty-tcnative)");
        }

        @Test
        void eachHostKeepsItsOwnProtocols() {
            assertThat(SClient.handshake(nodeA.port(), "tls12.test", "-tls1_3").connected()).isFalse();
            SClient.Outcome tls12 = SClient.handshake(nodeA.port(), "tls12.test", "-tls1_2");
            assertThat(tls12.connected()).as(tls12.output()).isTrue();
            assertThat(tls12.certificate().getSubjectX500Principal().getName()).contains("CN=tls12.test");
        }

        @Test
        void eachHostKeepsItsOwnCipherSuites() {
            SClient.Outcome chosen = SClient.handshake(nodeA.port(), "suites.test", "-tls1_2");
            assertThat(chosen.cipher()).as(chosen.output()).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256");
            assertThat(SClient.handshake(nodeA.port(), "suites.test", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384")
                    .connected()).isFalse();
        }

        @Test
        void curlNegotiatesHttp2WithAlpn() {
            assertThat(curl("--http2").stdout()).contains("protocol=HTTP/2.0").contains("io.tlsconnector.virtual_host=localhost");
        }

        @Test
        void curlSpeaksHttp11WhenAskedTo() {
            assertThat(curl("--http1.1").stdout()).contains("protocol=HTTP/1.1").contains("io.tlsconnector.session_resumed=Initial");
        }

        @Test
        void hundredsOfClosedConnectionsLeaveNoEngineUnreleased() throws Exception {
            SSLContext client = TrustingClients.sslContextTrusting(pki.rootCertificate());
            LoadedHost localhost = runtimeA.hostFor("localhost");
            long descriptorsBefore = openDescriptors();
            for (int i = 0; i < 300; i++) {
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", nodeA.port())) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                    if (i % 3 == 0) {
                        socket.getOutputStream().write(request("localhost").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        socket.getInputStream().readAllBytes();
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (localhost.liveEngines() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(localhost.liveEngines()).as("engines made for closed connections and never released").isZero();
            assertThat(openDescriptors()).as("file descriptors after 300 closed connections").isLessThan(descriptorsBefore + 30);
        }

        private long openDescriptors() throws IOException {
            Path fds = Path.of("/proc/self/fd");
            if (!Files.isDirectory(fds)) {
                return 0; // not Linux: the engine count above still holds
            }
            try (var list = Files.list(fds)) {
                return list.count();
            }
        }

        private ExternalTool.Result curl(String httpVersion) {
            Path ca = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", httpVersion,
                    "--cacert", ca.toString(), "https://localhost:" + nodeA.port() + "/"));
            assertThat(result.exitCode()).as(result.all()).isZero();
            return result;
        }
    }
}
