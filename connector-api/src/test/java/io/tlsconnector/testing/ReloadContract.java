package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VirtualHost;

/**
 * Hot reload on a running container: the certificate and key files are watched, a replaced pair is
 * served to new connections within 2 s while requests keep succeeding, and a broken replacement keeps
 * the old certificate and is reported once. Run once per adapter.
 */
public abstract class ReloadContract extends EngineContract {
    private static final Duration DEBOUNCE = Duration.ofMillis(200);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    private TestPki pki;
    private Path certificate;
    private Path key;
    private TlsRuntime runtime;
    private ContainerUnderTest.Running server;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path dir) throws Exception {
        pki = TestPki.create();
        TestPki.Issued first = pki.issueServer("localhost", "localhost", "127.0.0.1");
        certificate = first.writeFullChain(dir, "localhost");
        key = first.writeKey(dir, "localhost");
        runtime = TlsRuntime.start(tlsConfig()
                .virtualHost(VirtualHost.builder("localhost").certificate(CertificateSource.pem(certificate, key))
                        .options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA).build())
                .watchFiles(DEBOUNCE)
                .build());
        server = container().launch(List.of(ContainerUnderTest.Tls.of(runtime)), VariablesServer.EnvServlet.class);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        ContainerUnderTest.closeAll(server, runtime);
    }

    @Test
    void aReplacedCertificateAndKeyAreServedWithinTwoSecondsWhileEveryRequestSucceeds() throws Exception {
        BigInteger before = servedSerial();
        TestPki.Issued next = pki.issueServer("localhost", "localhost", "127.0.0.1");
        try (Load load = Load.start(server.port(), pki)) {
            Thread.sleep(300);
            replace(next);
            long changed = System.nanoTime();
            BigInteger seen = before;
            while (seen.equals(before) && System.nanoTime() - changed < VISIBLE_WITHIN.toNanos()) {
                seen = servedSerial();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - changed);
            assertThat(seen).as("serial served %d ms after the change", took.toMillis()).isEqualTo(next.certificate().getSerialNumber());
            // Keep the load on for a while after the swap, so requests straddle it even on a busy machine.
            Thread.sleep(Math.max(300, 1500 - took.toMillis()));
            load.stop();
            assertThat(load.failures).as("failed requests").isEmpty();
            assertThat(load.succeeded.get()).as("requests during the reload").isGreaterThan(3);
        }
    }

    /**
     * What a request sees of the server's certificate (SSL_SERVER_M_SERIAL, SSL_SERVER_CERT) follows the reload as the
     * handshake does: no part of the container keeps the host it loaded at start-up.
     */
    @Test
    void afterAReloadHandshakesAndRequestAttributesBothShowTheNewCertificate() throws Exception {
        BigInteger before = servedSerial();
        TestPki.Issued next = pki.issueServer("localhost", "localhost", "127.0.0.1");
        assertThat(requestedServerSerial()).isEqualTo(before);
        replace(next);
        awaitSerialChange(before);
        BigInteger expected = next.certificate().getSerialNumber();
        assertThat(servedSerial()).as("serial of the certificate the handshake presents").isEqualTo(expected);
        assertThat(requestedServerSerial()).as("SSL_SERVER_M_SERIAL of a request on a new connection").isEqualTo(expected);
        String exported = FlatJson.parse(environment()).get("SSL_SERVER_CERT");
        assertThat(exported).as("SSL_SERVER_CERT").isNotNull();
        java.security.cert.Certificate parsed = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(exported.getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).as("SSL_SERVER_CERT").isEqualTo(next.certificate());
    }

    private BigInteger requestedServerSerial() throws Exception {
        String serial = FlatJson.parse(environment()).get("SSL_SERVER_M_SERIAL");
        assertThat(serial).as("SSL_SERVER_M_SERIAL").isNotNull();
        return new BigInteger(serial, 16);
    }

    /** The request's SSL_* variables, over a new connection each time (a new client): a kept-alive one keeps its handshake's host. */
    private String environment() throws Exception {
        HttpClient client = TrustingClients.httpClient(HttpClient.Version.HTTP_1_1, pki.rootCertificate());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aCorruptReplacementKeepsTheOldCertificateAndLogsTheFileAndTheProblemOnce() throws Exception {
        BigInteger before = servedSerial();
        try (LogCapture log = LogCapture.start()) {
            atomicWrite(certificate, "this is not a certificate\n");
            List<String> errors = log.await(l -> l.contains("Reload of virtual host 'localhost' failed"), Duration.ofSeconds(3));
            Thread.sleep(DEBOUNCE.toMillis() * 3);
            errors = log.lines().stream().filter(l -> l.contains("Reload of virtual host 'localhost' failed")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("ERROR io.tlsconnector.runtime.TlsRuntime")
                    .contains("it keeps serving its previous certificate")
                    .contains(certificate + ": holds no certificate (neither a PEM CERTIFICATE block nor DER X.509).");
            assertThat(servedSerial()).isEqualTo(before);
        } finally {
            replace(pki.issueServer("localhost", "localhost", "127.0.0.1"));
            awaitSerialChange(before);
        }
    }

    @Test
    void anExplicitReloadWithAMismatchedKeyReportsItAndKeepsServing() throws Exception {
        BigInteger before = servedSerial();
        String goodCertificate = Files.readString(certificate);
        TestPki.Issued other = pki.issueServer("localhost", "localhost");
        try {
            Files.writeString(certificate, TestPki.pem(other.certificate(), pki.intermediateCertificate()));
            List<TlsConfigException> failures = runtime.reload();
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).getMessage()).contains(key.toString()).contains("does not match");
            assertThat(servedSerial()).isEqualTo(before);
        } finally {
            atomicWrite(certificate, goodCertificate);
            assertThat(runtime.reload()).isEmpty();
        }
    }

    private void awaitSerialChange(BigInteger from) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (servedSerial().equals(from) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private BigInteger servedSerial() {
        SClient.Outcome outcome = SClient.handshake(server.port(), "localhost");
        assertThat(outcome.certificate()).as(outcome.output()).isNotNull();
        return outcome.certificate().getSerialNumber();
    }

    /** Replaces key and certificate the way deployment tools do: each file swapped whole, one after the other. */
    private void replace(TestPki.Issued next) throws IOException {
        Path dir = certificate.getParent();
        Path newKey = next.writeKey(dir, ".next-key");
        Path newCertificate = next.writeFullChain(dir, ".next-cert");
        Files.move(newKey, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(newCertificate, certificate, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Requests in a loop: two threads on new connections each time, one on a kept-alive HTTP client. */
    private static final class Load implements AutoCloseable {
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger succeeded = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static Load start(int port, TestPki pki) {
            Load load = new Load();
            for (int i = 0; i < 2; i++) {
                load.spawn(() -> load.newConnectionRequest(port, pki));
            }
            HttpClient client = TrustingClients.httpClient(HttpClient.Version.HTTP_1_1, pki.rootCertificate());
            load.spawn(() -> {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("kept-alive client got " + response.statusCode());
                }
            });
            return load;
        }

        private void spawn(Request request) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        request.run();
                        succeeded.incrementAndGet();
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "reload-load");
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }

        private void newConnectionRequest(int port, TestPki pki) throws IOException {
            try (SSLSocket socket = (SSLSocket) TrustingClients.sslContextTrusting(pki.rootCertificate()).getSocketFactory()
                    .createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName("localhost")));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!response.startsWith("HTTP/1.1 200")) {
                    throw new IOException("new connection got: " + response.lines().findFirst().orElse("nothing"));
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }

        @FunctionalInterface
        interface Request {
            void run() throws Exception;
        }
    }
}
