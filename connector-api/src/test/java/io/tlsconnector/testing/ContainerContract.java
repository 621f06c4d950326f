package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.session.SessionCacheStats;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;

/**
 * What every adapter must do, run once per container by a subclass that names its
 * {@link ContainerUnderTest}: one port, several SNI virtual hosts with their own certificates and
 * protocols (F30), one certificate per key type, real clients, plain HTTP on the TLS port (F8), and a
 * configuration that fails start-up with every problem named (F2, F9).
 */
public abstract class ContainerContract extends EngineContract {
    protected Path dir;
    protected TestPki pki;
    protected TestPki.Issued aTest;
    protected TestPki.Issued bTest;
    protected TestPki.Issued cTestEcdsa;
    protected TestPki.Issued cTestRsa;
    protected TestPki.Issued localhost;
    protected TlsRuntime runtime;
    protected ContainerUnderTest.Running server;

    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path files) throws Exception {
        dir = files;
        pki = TestPki.create();
        aTest = pki.issueServer("a.test", "a.test");
        bTest = pki.issueServer("b.test", "b.test");
        cTestEcdsa = pki.issueServer("c.test", "c.test");
        cTestRsa = pki.issueServerRsa("c.test", "c.test");
        localhost = pki.issueServer("localhost", "localhost", "127.0.0.1");

        TlsConfig config = tlsConfig()
                .virtualHost(VirtualHost.builder("a.test")
                        .protocols("TLSv1.3")
                        .certificate(CertificateSource.pem(aTest.writeFullChain(dir, "a"), aTest.writeKey(dir, "a")))
                        .build())
                .virtualHost(VirtualHost.builder("b.test")
                        .aliases("*.b.test")
                        .protocols("TLSv1.2")
                        .certificate(CertificateSource.pem(bTest.writeCertificate(dir, "b"), bTest.writeKey(dir, "b"))
                                .withChain(bTest.writeChain(dir, "b")))
                        .build())
                .virtualHost(VirtualHost.builder("c.test")
                        .certificate(CertificateSource.pem(cTestRsa.writeFullChain(dir, "c-rsa"), cTestRsa.writeKey(dir, "c-rsa")))
                        .certificate(CertificateSource.of(cTestEcdsa.privateKey(), cTestEcdsa.fullChain()))
                        .build())
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.of(localhost.privateKey(), localhost.fullChain()))
                        .build())
                .build();
        runtime = TlsRuntime.start(config);
        server = container().start(runtime);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        ContainerUnderTest.closeAll(server, runtime);
    }

    @Nested
    class SniVirtualHosts {
        @Test
        void aTestRefusesTls12() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "a.test", "-tls1_2");
            assertThat(outcome.connected()).as(outcome.output()).isFalse();
        }

        @Test
        void aTestServesItsOwnCertificateOverTls13() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "a.test", "-tls1_3");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.protocol()).isEqualTo("TLSv1.3");
            assertThat(outcome.certificate()).isEqualTo(aTest.certificate());
        }

        @Test
        void bTestRefusesTls13() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "b.test", "-tls1_3");
            assertThat(outcome.connected()).as(outcome.output()).isFalse();
        }

        @Test
        void bTestServesItsOwnCertificateOverTls12() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "b.test", "-tls1_2");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.protocol()).isEqualTo("TLSv1.2");
            assertThat(outcome.certificate()).isEqualTo(bTest.certificate());
        }

        @Test
        void aClientWithoutSniGetsTheDefaultHost() {
            SClient.Outcome outcome = SClient.handshake(server.port(), null);
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.certificate()).isEqualTo(aTest.certificate());
        }

        @Test
        void anUnknownSniNameGetsTheDefaultHost() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "nobody.test");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.certificate()).isEqualTo(aTest.certificate());
        }

        @Test
        void sniNamesAreMatchedWithoutRegardToCase() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "B.Test", "-tls1_2");
            assertThat(outcome.certificate()).as(outcome.output()).isEqualTo(bTest.certificate());
        }

        @Test
        void aWildcardAliasCoversOneLabelWithTheHostsOwnProtocols() {
            SClient.Outcome tls12 = SClient.handshake(server.port(), "www.b.test", "-tls1_2");
            assertThat(tls12.certificate()).as(tls12.output()).isEqualTo(bTest.certificate());
            assertThat(SClient.handshake(server.port(), "www.b.test", "-tls1_3").connected()).isFalse();
            SClient.Outcome twoLabels = SClient.handshake(server.port(), "a.www.b.test", "-tls1_3");
            assertThat(twoLabels.certificate()).as(twoLabels.output()).isEqualTo(aTest.certificate());
        }
    }

    @Nested
    class OneCertificatePerKeyType {
        @Test
        void aClientOfferingOnlyEcdsaSignaturesGetsTheEcdsaCertificate() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "c.test", "-tls1_3", "-sigalgs", "ECDSA+SHA256");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.certificate()).isEqualTo(cTestEcdsa.certificate());
        }

        @Test
        void aClientOfferingOnlyRsaSignaturesGetsTheRsaCertificate() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "c.test", "-tls1_3", "-sigalgs", "RSA-PSS+SHA256:RSA+SHA256");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.certificate()).isEqualTo(cTestRsa.certificate());
        }

        @Test
        void overTls12TheCipherSuiteChoosesTheCertificate() {
            SClient.Outcome ecdsa = SClient.handshake(server.port(), "c.test", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
            SClient.Outcome rsa = SClient.handshake(server.port(), "c.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            assertThat(ecdsa.certificate()).as(ecdsa.output()).isEqualTo(cTestEcdsa.certificate());
            assertThat(rsa.certificate()).as(rsa.output()).isEqualTo(cTestRsa.certificate());
        }
    }

    @Nested
    class RealClients {
        @Test
        void curlSpeaksHttp11AndSeesTheServletAttributes() {
            ExternalTool.Result result = curl("--http1.1");
            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.stdout())
                    .contains("protocol=HTTP/1.1")
                    .contains("secure=true")
                    .contains("jakarta.servlet.request.secure_protocol=TLSv1.3")
                    .containsPattern("jakarta.servlet.request.key_size=\\d+")
                    .containsPattern("jakarta.servlet.request.cipher_suite=TLS_")
                    .containsPattern("jakarta.servlet.request.ssl_session_id=[0-9a-fA-F]{64}\n")
                    .contains("io.tlsconnector.virtual_host=c.test")
                    .contains("io.tlsconnector.sni=c.test");
        }

        @Test
        void aSmallResponseLeavesInOneTlsRecordAsFromNginx() {
            SClient.Outcome outcome = SClient.exchange(server.port(), "c.test",
                    "GET / HTTP/1.1\r\nHost: c.test\r\nConnection: close\r\n\r\n", "-tls1_3", "-msg");
            assertThat(outcome.output()).contains("HTTP/1.1 200");
            List<String> lines = outcome.output().lines().toList();
            long applicationRecords = java.util.stream.IntStream.range(0, lines.size() - 1)
                    .filter(i -> lines.get(i).startsWith("<<< TLS 1.3, InnerContent") && lines.get(i + 1).trim().equals("17"))
                    .count();
            assertThat(applicationRecords).as("application-data records received, %s", outcome.output()).isEqualTo(1);
        }

        @Test
        void eachHttp2FrameLeavesInOneTlsRecordWithItsHeader() throws Exception {
            // The containers write a frame's header and payload as two buffers; sealed apart, each frame costs two records.
            Http2Records.Observation observed = Http2Records.get(server.port(), "c.test", pki.rootCertificate());
            assertThat(observed.recordsEndingInsideAFrame())
                    .as("records ending inside a frame; record sizes %s, frames %s", observed.recordSizes(), observed.frames())
                    .isZero();
        }

        @Test
        void curlNegotiatesHttp2WithAlpn() {
            ExternalTool.Result result = curl("--http2");
            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.stdout()).contains("protocol=HTTP/2.0").contains("io.tlsconnector.virtual_host=c.test");
        }

        @Test
        void jdkHttpClientSpeaksHttp11() throws Exception {
            HttpResponse<String> response = jdkGet(HttpClient.Version.HTTP_1_1);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).contains("io.tlsconnector.virtual_host=localhost");
        }

        @Test
        void jdkHttpClientSpeaksHttp2() throws Exception {
            HttpResponse<String> response = jdkGet(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).contains("protocol=HTTP/2.0");
        }

        @Test
        void opensslSClientGetsAnHttpAnswer() {
            SClient.Outcome outcome = SClient.exchange(server.port(), "b.test",
                    "GET / HTTP/1.1\r\nHost: b.test\r\nConnection: close\r\n\r\n");
            assertThat(outcome.output()).contains("HTTP/1.1 200").contains("io.tlsconnector.virtual_host=b.test");
        }

        private ExternalTool.Result curl(String httpVersion) {
            Path ca = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
            int port = server.port();
            return ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", httpVersion, "--cacert", ca.toString(),
                    "--resolve", "c.test:" + port + ":127.0.0.1", "https://c.test:" + port + "/"));
        }

        private HttpResponse<String> jdkGet(HttpClient.Version version) throws Exception {
            HttpClient client = TrustingClients.httpClient(version, pki.rootCertificate());
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** mod_ssl's isolation of virtual hosts without strict SNI (F30, F31; AH02032), on every engine. */
    @Nested
    class VirtualHostIsolation {
        @Test
        void aRequestForAHostWithOtherProtocolsOnAConnectionToAnotherIsMisdirected() {
            SClient.Outcome outcome = SClient.exchange(server.port(), "a.test",
                    "GET / HTTP/1.1\r\nHost: b.test\r\nConnection: close\r\n\r\n", "-tls1_3");
            assertThat(outcome.output()).contains("HTTP/1.1 421 ").contains("a.test").contains("b.test")
                    .doesNotContain("virtual_host=b.test");
        }

        @Test
        void hostsWithTheSameTlsSetupServeEachOthersRequests() {
            SClient.Outcome outcome = SClient.exchange(server.port(), "localhost",
                    "GET / HTTP/1.1\r\nHost: c.test\r\nConnection: close\r\n\r\n");
            assertThat(outcome.output()).contains("HTTP/1.1 200 ").contains("io.tlsconnector.virtual_host=localhost");
        }

        @Test
        void aSessionFromOneHostIsNeverResumedUnderAnother() {
            for (String protocol : List.of("-tls1_2", "-tls1_3")) {
                Path session = dir.resolve("isolation-" + protocol + ".pem");
                SClient.Outcome first = SClient.exchange(server.port(), "localhost",
                        "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", protocol, "-sess_out", session.toString());
                assertThat(first.connected()).as(first.output()).isTrue();
                SClient.Outcome again = SClient.handshake(server.port(), "localhost", protocol, "-sess_in", session.toString());
                assertThat(again.reused()).as("%s: the session resumes on its own host", protocol).isTrue();
                SClient.Outcome crossed = SClient.handshake(server.port(), "c.test", protocol, "-sess_in", session.toString());
                assertThat(crossed.connected()).as(crossed.output()).isTrue();
                assertThat(crossed.reused()).as("%s: a localhost session offered to c.test", protocol).isFalse();
            }
        }

        @Test
        void overHttp2OnlyTheStreamForTheIncompatibleHostIsMisdirected() {
            Path ca = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
            int port = server.port();
            String url = "https://a.test:" + port + "/";
            // --next keeps curl's connection: the second request is a second stream, its :authority b.test.
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "-v", "--http2",
                    "--cacert", ca.toString(), "--resolve", "a.test:" + port + ":127.0.0.1", "-o", "/dev/null",
                    "-w", "first=%{http_code}\n", url,
                    "--next", "--http2", "--cacert", ca.toString(), "--resolve", "a.test:" + port + ":127.0.0.1",
                    "-H", "Host: b.test", "-o", "/dev/null", "-w", "second=%{http_code}\n", url,
                    "--next", "--http2", "--cacert", ca.toString(), "--resolve", "a.test:" + port + ":127.0.0.1",
                    "-o", "/dev/null", "-w", "third=%{http_code}\n", url));
            assertThat(result.stdout()).as(result.all()).contains("first=200").contains("second=421").contains("third=200");
            assertThat(result.stderr()).contains("Re-using existing connection");
        }
    }

    /** F3: the figures of a host's session cache are the engine's own, fed by real handshakes. */
    @Nested
    class SessionCacheFigures {
        @Test
        void aFullThenAResumedHandshakeShowInTheHostsFigures() throws InterruptedException {
            SessionCacheStats before = localhostCache();
            Path session = dir.resolve("figures.pem");
            // TLS 1.2 without tickets: the session is kept in the server's cache and resumed by its ID.
            SClient.Outcome full = SClient.handshake(server.port(), "localhost", "-tls1_2", "-no_ticket", "-sess_out", session.toString());
            assertThat(full.connected()).as(full.output()).isTrue();
            SClient.Outcome resumed = SClient.handshake(server.port(), "localhost", "-tls1_2", "-no_ticket", "-sess_in", session.toString());
            assertThat(resumed.reused()).as(resumed.output()).isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            SessionCacheStats after = localhostCache();
            while (after.handshakes() < before.handshakes() + 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                after = localhostCache();
            }
            assertThat(after.serverName()).isEqualTo("localhost");
            assertThat(after.engine()).isEqualTo(runtime.defaultHost().engineName());
            assertThat(after.handshakes() - before.handshakes()).as("handshakes counted").isEqualTo(2);
            assertThat(after.cachedSessions()).as("the session the engine keeps for its ID").isPositive();
            assertThat(after.cacheLimit()).isPositive();
            if (engine == Engine.JSSE) {
                assertThat(after.resumed()).as("JSSE cannot tell a resumed handshake").isEmpty();
            } else {
                assertThat(after.resumed().getAsLong() - before.resumed().getAsLong()).as("resumed").isEqualTo(1);
                assertThat(after.full().getAsLong() - before.full().getAsLong()).as("full").isEqualTo(1);
            }
        }

        private SessionCacheStats localhostCache() {
            return runtime.sessionCaches().stream().filter(s -> s.serverName().equals("localhost")).findFirst().orElseThrow();
        }
    }

    @Nested
    class PlainHttpOnTheTlsPort {
        @Test
        void isAnsweredWith400AndClosedWithinASecond() throws Exception {
            String response = plainHttpExchange();
            assertThat(response).startsWith("HTTP/1.1 400 ");
        }

        @Test
        void isLoggedAsAFailedHandshakeWithTheHintOnBothContainers() throws Exception {
            try (LogCapture log = LogCapture.start()) {
                plainHttpExchange();
                List<String> lines = log.await(l -> l.contains("plain HTTP request on the TLS port"), Duration.ofSeconds(3));
                assertThat(lines).singleElement().asString().containsPattern("WARN io\\.tlsconnector\\.diag\\.HandshakeLog - TLS handshake"
                        + " failed client=127\\.0\\.0\\.1:\\d+ sni=- vhost=- reason=\"plain HTTP request on the TLS port\" hint=\"the client"
                        + " sent plain HTTP \\(or other non-TLS bytes\\) to the TLS port; it should use https://\"");
            }
        }

        @Test
        void curlWithHttpInsteadOfHttpsSeesA400() {
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(10),
                    List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + server.port() + "/"));
            assertThat(result.stdout()).isEqualTo("400");
        }

        @Test
        void bytesThatAreNeitherTlsNorHttpAreClosed() throws Exception {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06});
                InputStream in = socket.getInputStream();
                byte[] answer = in.readNBytes(4096);
                // Closed, possibly after a TLS alert record (content type 21); never an HTTP answer or a hang.
                assertThat(answer.length == 0 || answer[0] == 21).as("answer of %d bytes", answer.length).isTrue();
            }
        }
    }

    /** Sends a plain HTTP request to the TLS port and reads until the server closes, within 1.5 s. */
    protected String plainHttpExchange() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofMillis(1500));
            return response;
        }
    }

    @Nested
    class RuntimeOwnedByTheConnector {
        @Test
        void aBrokenConfigurationMakesStartFailWithEveryProblem() {
            Path missing = dir.resolve("missing.crt");
            TlsConfig broken = tlsConfig()
                    .virtualHost(VirtualHost.builder("broken.test")
                            .certificate(CertificateSource.pem(missing, dir.resolve("missing.key")))
                            .build())
                    .build();
            Throwable thrown = catchThrowable(() -> container().startOwning(broken).close());
            TlsConfigException problem = causeOfType(thrown, TlsConfigException.class);
            assertThat(problem).as("%s failed with %s", container().name(), thrown).isNotNull();
            assertThat(problem.getMessage()).contains(missing.toString()).contains("missing.key");
        }

        @Test
        void aGoodConfigurationServesAndStopsWithTheServer() throws Exception {
            TlsConfig config = tlsConfig()
                    .virtualHost(VirtualHost.builder("localhost")
                            .certificate(CertificateSource.of(localhost.privateKey(), localhost.fullChain()))
                            .build())
                    .build();
            int port;
            try (ContainerUnderTest.Running owned = container().startOwning(config)) {
                port = owned.port();
                SClient.Outcome outcome = SClient.handshake(port, "localhost");
                assertThat(outcome.certificate()).as(outcome.output()).isEqualTo(localhost.certificate());
            }
            assertThat(SClient.handshake(port, "localhost").connected()).isFalse();
        }
    }

    protected static <T extends Throwable> T causeOfType(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
