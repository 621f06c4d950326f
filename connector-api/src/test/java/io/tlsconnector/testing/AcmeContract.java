package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Acme;
import io.tlsconnector.acme.AcmeStatus;
import io.tlsconnector.config.RenewWindow;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.http.HttpsRedirect;
import io.tlsconnector.session.SharedStore;
import io.tlsconnector.session.SharedStores;

/**
 * Automatic certificates from a real ACME CA (Debian's pebble) on a running container (issue 22;
 * FAQ F12, F14, F15, F23): tls-alpn-01 answered on the TLS port, http-01 on the plain HTTP connector,
 * curl verifying both with pebble's root; the store reused after a restart without a new order;
 * renewal of short-lived certificates without a restart while a client loops; a CA outage keeping the
 * current certificate; two servers sharing a Redis placing one order between them. Run once per adapter.
 */
public abstract class AcmeContract {
    private static final Duration ISSUED_WITHIN = Duration.ofSeconds(45);
    private static final String ALPN_HOST = "alpn.acme.test";
    private static final String HTTP_HOST = "http.acme.test";

    protected abstract ContainerUnderTest container();

    @Test
    void issuesThroughTlsAlpnAndHttp01ThenARestartReusesTheStoreWithoutANewOrder(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("md");
        Path pebbleDir = Files.createDirectories(dir.resolve("pebble"));
        // The server starts first (ephemeral ports), then pebble, told those ports; the first order attempts
        // fail until pebble listens and are retried.
        Pebble pebble = Pebble.prepare(pebbleDir);
        TlsConfig config = TlsConfig.builder()
                .virtualHost(VirtualHost.builder(ALPN_HOST).acme(acme(pebble, store).challenges(Acme.Challenge.TLS_ALPN_01).build()).build())
                .virtualHost(VirtualHost.builder(HTTP_HOST).acme(acme(pebble, store).challenges(Acme.Challenge.HTTP_01).build()).build())
                .build();
        TlsRuntime runtime = TlsRuntime.start(config);
        ContainerUnderTest.Running server = null;
        try (pebble) {
            server = container().start(runtime, new ContainerUnderTest.Extras(HttpsRedirect.permanent(), null));
            pebble.start(server.httpPort(), server.port(), null);
            awaitIssued(runtime, ALPN_HOST, pebble);
            awaitIssued(runtime, HTTP_HOST, pebble);
            Path root = pebble.issuingRoot(dir.resolve("pebble-root.pem"));
            for (String host : List.of(ALPN_HOST, HTTP_HOST)) {
                ExternalTool.Result curl = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "--fail", "--cacert", root.toString(),
                        "--resolve", host + ":" + server.port() + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_code} %{ssl_verify_result}",
                        "https://" + host + ":" + server.port() + "/"));
                assertThat(curl.exitCode()).as("curl verifying %s with pebble's root: %s", host, curl.all()).isZero();
                assertThat(curl.stdout()).isEqualTo("200 0");
            }
            assertThat(status(runtime, ALPN_HOST).orders()).isEqualTo(1);
            assertThat(status(runtime, HTTP_HOST).orders()).isEqualTo(1);
            // The store is owner-only, its keys 0600 (mod_md's MDStoreDir).
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
            try (var files = Files.walk(store)) {
                for (Path key : files.filter(p -> p.getFileName().toString().endsWith(".key")
                        || p.getFileName().toString().equals("privkey.pem")).toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as(key.toString()).isEqualTo("rw-------");
                }
            }
            BigInteger issued = served(server.port(), ALPN_HOST, root);
            byte[] accountKey = readAccountKey(store);
            ContainerUnderTest.closeAll(server, runtime);
            server = null;
            runtime = null;

            // Restart on the same store: the stored certificate is served at once and no order is placed.
            TlsRuntime again = TlsRuntime.start(config);
            ContainerUnderTest.Running restarted = container().start(again, new ContainerUnderTest.Extras(HttpsRedirect.permanent(), null));
            try {
                assertThat(served(restarted.port(), ALPN_HOST, root)).isEqualTo(issued);
                await(() -> status(again, ALPN_HOST).nextRenewal().isPresent(), Duration.ofSeconds(10), "the renewal check of the restarted server");
                assertThat(status(again, ALPN_HOST).orders()).isEqualTo(1);
                assertThat(status(again, HTTP_HOST).orders()).isEqualTo(1);
                assertThat(readAccountKey(store)).isEqualTo(accountKey);
            } finally {
                ContainerUnderTest.closeAll(restarted, again);
            }
        } finally {
            ContainerUnderTest.closeAll(server, runtime);
        }
    }

    @Test
    void renewsShortLivedCertificatesWithoutARestartWhileEveryRequestSucceedsAndKeepsThemThroughACaOutage(@TempDir Path dir)
            throws Exception {
        Path store = dir.resolve("md");
        Path pebbleDir = Files.createDirectories(dir.resolve("pebble"));
        Pebble pebble = Pebble.prepare(pebbleDir);
        TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                // 30 s certificates renewed with 90% of their lifetime left: a renewal every few seconds, each
                // done long before the certificate it replaces expires (acme4j polls the CA every few seconds).
                .virtualHost(VirtualHost.builder(ALPN_HOST).acme(acme(pebble, store).renewWindow(RenewWindow.parse("90%")).build()).build())
                .build());
        ContainerUnderTest.Running server = container().start(runtime);
        try (pebble; LogCapture log = LogCapture.start()) {
            pebble.start(1, server.port(), Duration.ofSeconds(30));
            awaitIssued(runtime, ALPN_HOST, pebble);
            Path root = pebble.issuingRoot(dir.resolve("pebble-root.pem"));
            BigInteger first = served(server.port(), ALPN_HOST, root);
            Set<BigInteger> seen = new LinkedHashSet<>();
            List<String> failures = new ArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            X509Certificate rootCertificate = certificate(root);
            Thread client = new Thread(() -> {
                while (!stop.get() && requests.get() < 100_000) {
                    try (RawHttps https = RawHttps.connect(server.port(), ALPN_HOST, rootCertificate)) {
                        synchronized (seen) {
                            seen.add(https.serverCertificate().getSerialNumber());
                        }
                        RawHttps.Response response = https.get("/", ALPN_HOST, "acme-loop");
                        if (!response.head().startsWith("HTTP/1.1 200")) {
                            failures.add(response.head());
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e.toString());
                    }
                    requests.incrementAndGet();
                }
            }, "acme-renewal-client");
            client.start();
            try {
                await(() -> {
                    synchronized (seen) {
                        return seen.size() >= 2;
                    }
                }, Duration.ofSeconds(30), "a renewed certificate served to the looping client");
            } finally {
                stop.set(true);
                client.join(10_000);
            }
            assertThat(failures).as("failed requests among %d", requests.get()).isEmpty();
            assertThat(seen).first().isEqualTo(first);
            BigInteger renewed = served(server.port(), ALPN_HOST, root);
            assertThat(renewed).isNotEqualTo(first);
            assertThat(status(runtime, ALPN_HOST).orders()).isGreaterThanOrEqualTo(2);

            // Outage: the next renewal fails, is logged with the reason, and the current certificate stays.
            pebble.stop();
            await(() -> status(runtime, ALPN_HOST).lastError().isPresent(), Duration.ofSeconds(20), "a failed renewal during the outage");
            String error = status(runtime, ALPN_HOST).lastError().orElseThrow();
            assertThat(error).contains(pebble.directory().toString());
            log.await(line -> line.contains("WARN") && line.contains("ACME certificate for '" + ALPN_HOST + "'")
                    && line.contains("could not be obtained: " + error) && line.contains("the current certificate stays"), Duration.ofSeconds(5));
            assertThat(served(server.port(), ALPN_HOST, root)).isEqualTo(renewed);
        } finally {
            ContainerUnderTest.closeAll(server, runtime);
        }
    }

    @Test
    void twoServersSharingARedisPlaceOneOrderBetweenThemAndServeTheSameCertificate(@TempDir Path dir) throws Exception {
        Pebble pebble = Pebble.prepare(Files.createDirectories(dir.resolve("pebble")));
        try (StoreServer redis = StoreServer.redis(dir);
             SharedStore sharedByA = SharedStores.redis(List.of(redis.address()), Duration.ofSeconds(2));
             SharedStore sharedByB = SharedStores.redis(List.of(redis.address()), Duration.ofSeconds(2))) {
            // Each server has its own store directory; only Redis is shared.
            TlsRuntime a = TlsRuntime.start(TlsConfig.builder().virtualHost(VirtualHost.builder(ALPN_HOST)
                    .acme(acme(pebble, dir.resolve("md-a")).fleetStore(sharedByA).build()).build()).build());
            TlsRuntime b = TlsRuntime.start(TlsConfig.builder().virtualHost(VirtualHost.builder(ALPN_HOST)
                    .acme(acme(pebble, dir.resolve("md-b")).fleetStore(sharedByB).build()).build()).build());
            ContainerUnderTest.Running serverA = null;
            ContainerUnderTest.Running serverB = null;
            try (pebble) {
                serverA = container().start(a);
                serverB = container().start(b);
                // The CA validates against server A only: if B holds the lock and orders, A answers B's
                // challenge from Redis.
                pebble.start(1, serverA.port(), null);
                awaitIssued(a, ALPN_HOST, pebble);
                awaitIssued(b, ALPN_HOST, pebble);
                Path root = pebble.issuingRoot(dir.resolve("pebble-root.pem"));
                assertThat(served(serverB.port(), ALPN_HOST, root)).isEqualTo(served(serverA.port(), ALPN_HOST, root));
                assertThat(status(a, ALPN_HOST).orders() + status(b, ALPN_HOST).orders()).as("orders placed by the two servers").isEqualTo(1);
            } finally {
                ContainerUnderTest.closeAll(serverA, serverB, a, b);
            }
        }
    }

    /** An ACME setting for the planned pebble, trusting pebble's own HTTPS certificate, retrying fast. */
    protected static Acme.Builder acme(Pebble pebble, Path store) {
        return Acme.builder().directory(pebble.directory()).contact("mailto:ops@acme.test").agreeToTerms()
                .storeDir(store).caCertificateFile(pebble.serverCa())
                .retryDelay(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    protected static void awaitIssued(TlsRuntime runtime, String domain, Pebble pebble) throws InterruptedException {
        try {
            // Issued (in the store) and swapped in (served to new connections).
            await(() -> status(runtime, domain).serial().map(serial -> serial.equals(
                    runtime.hostFor(domain).leafCertificates().get(0).getSerialNumber().toString(16))).orElse(false),
                    ISSUED_WITHIN, "a certificate for " + domain);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; status " + status(runtime, domain) + "; pebble log:\n" + pebble.log(), e);
        }
    }

    protected static AcmeStatus status(TlsRuntime runtime, String domain) {
        Optional<AcmeStatus> found = runtime.acme().orElseThrow().status().stream().filter(s -> s.domain().equals(domain)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no ACME status for " + domain));
    }

    /** The serial of the certificate the server presents for {@code sni}, verified against {@code root}. */
    protected static BigInteger served(int port, String sni, Path root) throws IOException {
        try (RawHttps https = RawHttps.connect(port, sni, certificate(root))) {
            return https.serverCertificate().getSerialNumber();
        }
    }

    protected static X509Certificate certificate(Path pem) throws IOException {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("cannot read " + pem, e);
        }
    }

    protected static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] readAccountKey(Path store) throws IOException {
        try (var files = Files.walk(store.resolve("accounts"))) {
            Path key = files.filter(p -> p.getFileName().toString().equals("account.key")).findFirst()
                    .orElseThrow(() -> new AssertionError("no account key in " + store));
            return Files.readAllBytes(key);
        }
    }

}
