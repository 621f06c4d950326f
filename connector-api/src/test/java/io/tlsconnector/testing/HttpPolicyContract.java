package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.ClientQuirks;
import io.tlsconnector.config.Hsts;
import io.tlsconnector.http.HttpsRedirect;
import io.tlsconnector.http.MarkerRedirectFilter;

/**
 * What happens around the requests, on every adapter: strict SNI (F31), the HTTP→HTTPS redirect
 * connector and HSTS (F5), the {@code _SSL}/{@code _NOSSL} marker filter (F11), client quirks by
 * User-Agent (F34) and handshake diagnostics (F39), checked with curl, openssl and JDK sockets.
 */
public abstract class HttpPolicyContract extends EngineContract {
    private static final String OLD_BROWSER = "OldBrowser/5.0 (compatible; MSIE 5.5)";

    private Path dir;
    private TestPki pki;
    private Path rootFile;
    private TlsRuntime runtime;
    private ContainerUnderTest.Running server;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path files) throws Exception {
        dir = files;
        pki = TestPki.create();
        rootFile = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        TestPki.Issued a = pki.issueServer("a.test", "a.test");
        TestPki.Issued b = pki.issueServer("b.test", "b.test");
        runtime = TlsRuntime.start(tlsConfig()
                .virtualHost(VirtualHost.builder("a.test").certificate(CertificateSource.of(a.privateKey(), a.fullChain())).build())
                .virtualHost(VirtualHost.builder("b.test").certificate(CertificateSource.of(b.privateKey(), b.fullChain())).build())
                .strictSniVHostCheck(true)
                .hsts(Hsts.maxAge(Duration.ofDays(365)).withIncludeSubDomains())
                .clientQuirks(ClientQuirks.parse("BrowserMatch \"MSIE [2-5]\\.\" nokeepalive ssl-unclean-shutdown downgrade-1.0"))
                .build());
        server = container().start(runtime, new ContainerUnderTest.Extras(HttpsRedirect.permanent().withStatus(308),
                new MarkerRedirectFilter("_SSL", "_NOSSL", 8443, 8080, 302)));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        ContainerUnderTest.closeAll(server, runtime);
    }

    /** curl over HTTPS to {@code https://sni:port/path} with 127.0.0.1 for the name; prints "status location". */
    private ExternalTool.Result curl(String sni, String path, String... options) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http1.1", "--cacert", rootFile.toString(),
                "--resolve", sni + ":" + server.port() + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}"));
        command.addAll(List.of(options));
        command.add("https://" + sni + ":" + server.port() + path);
        return ExternalTool.run(Duration.ofSeconds(20), command);
    }

    @Nested
    class StrictSni {
        @Test
        void aHostHeaderOfAnotherVirtualHostThanTheSniNameGets421() {
            assertThat(curl("a.test", "/", "-H", "Host: b.test").stdout()).isEqualTo("421 ");
            assertThat(curl("b.test", "/", "-H", "Host: a.test").stdout()).isEqualTo("421 ");
        }

        @Test
        void matchingSniAndHostNamesGet200() {
            assertThat(curl("a.test", "/").stdout()).isEqualTo("200 ");
            assertThat(curl("b.test", "/").stdout()).isEqualTo("200 ");
            assertThat(curl("b.test", "/", "-H", "Host: B.TEST:" + server.port()).stdout()).isEqualTo("200 ");
        }

        @Test
        void theCheckAppliesToHttp2Authorities() {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http2", "--cacert", rootFile.toString(),
                    "--resolve", "a.test:" + server.port() + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                    "-H", "Host: b.test", "https://a.test:" + server.port() + "/"));
            assertThat(ExternalTool.run(Duration.ofSeconds(20), command).stdout()).isEqualTo("2 421");
        }

        @Test
        void aRequestWithoutSniForANonDefaultHostGets403AsInModSsl() {
            // curl sends no SNI to an IP address.
            List<String> noSni = List.of("curl", "-sS", "--http1.1", "-k", "-o", "/dev/null", "-w", "%{http_code}");
            List<String> toB = new ArrayList<>(noSni);
            toB.addAll(List.of("-H", "Host: b.test", "https://127.0.0.1:" + server.port() + "/"));
            List<String> toA = new ArrayList<>(noSni);
            toA.addAll(List.of("-H", "Host: a.test", "https://127.0.0.1:" + server.port() + "/"));
            assertThat(ExternalTool.run(Duration.ofSeconds(20), toB).stdout()).isEqualTo("403");
            assertThat(ExternalTool.run(Duration.ofSeconds(20), toA).stdout()).isEqualTo("200");
        }
    }

    @Nested
    class HttpToHttps {
        @Test
        void thePlainHttpConnectorRedirectsWith308ToTheSameUrlOnTheTlsPort() {
            int http = server.httpPort();
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "-o", "/dev/null",
                    "-w", "%{http_code} %{redirect_url}", "--resolve", "a.test:" + http + ":127.0.0.1",
                    "http://a.test:" + http + "/shop/cart?item=2&x=%20y"));
            assertThat(result.stdout()).as(result.all())
                    .isEqualTo("308 https://a.test:" + server.port() + "/shop/cart?item=2&x=%20y");
        }

        @Test
        void curlFollowsTheRedirectToTheHttpsAnswer() {
            int http = server.httpPort();
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "-L", "--http1.1",
                    "--cacert", rootFile.toString(), "--resolve", "a.test:" + http + ":127.0.0.1",
                    "--resolve", "a.test:" + server.port() + ":127.0.0.1", "http://a.test:" + http + "/"));
            assertThat(result.stdout()).as(result.all()).contains("secure=true").contains("io.tlsconnector.virtual_host=a.test");
        }

        @Test
        void httpsResponsesCarryTheHstsHeaderAndTheRedirectDoesNot() {
            ExternalTool.Result https = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "--http1.1", "-D", "-",
                    "-o", "/dev/null", "--cacert", rootFile.toString(), "--resolve", "a.test:" + server.port() + ":127.0.0.1",
                    "https://a.test:" + server.port() + "/"));
            assertThat(https.stdout().toLowerCase()).contains("strict-transport-security: max-age=31536000; includesubdomains");
            ExternalTool.Result http = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "-D", "-", "-o", "/dev/null",
                    "http://127.0.0.1:" + server.httpPort() + "/"));
            assertThat(http.stdout()).startsWith("HTTP/1.1 308").doesNotContainIgnoringCase("strict-transport-security");
        }
    }

    @Nested
    class MarkerFilter {
        @Test
        void aPathEndingInNosslIsSentToHttpWithoutTheMarker() {
            assertThat(curl("a.test", "/shop/cart_NOSSL?item=2").stdout()).isEqualTo("302 http://a.test:8080/shop/cart?item=2");
        }

        @Test
        void aPathEndingInSslIsSentToHttpsWithoutTheMarker() {
            assertThat(curl("a.test", "/account/login_SSL").stdout()).isEqualTo("302 https://a.test:8443/account/login");
        }

        @Test
        void overHttp2TheRedirectKeepsTheAuthorityOfTheRequest() {
            // HTTP/2 has no Host header, only :authority; the redirect must still name the request's host.
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http2", "--cacert", rootFile.toString(),
                    "--resolve", "a.test:" + server.port() + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code} %{redirect_url}",
                    "https://a.test:" + server.port() + "/shop/cart_NOSSL?item=2"));
            assertThat(ExternalTool.run(Duration.ofSeconds(20), command).stdout()).isEqualTo("2 302 http://a.test:8080/shop/cart?item=2");
            command.set(command.size() - 1, "https://a.test:" + server.port() + "/account/login_SSL");
            assertThat(ExternalTool.run(Duration.ofSeconds(20), command).stdout()).isEqualTo("2 302 https://a.test:8443/account/login");
        }

        @Test
        void otherPathsReachTheApplication() {
            assertThat(curl("a.test", "/account/SSL_").stdout()).isEqualTo("200 ");
        }
    }

    @Nested
    class ClientQuirksByUserAgent {
        @Test
        void aMatchingUserAgentIsAnsweredAsHttp10AndItsConnectionClosed() throws Exception {
            try (RawHttps client = RawHttps.connect(server.port(), "a.test", pki.rootCertificate())) {
                RawHttps.Response response = client.get("/", "a.test", OLD_BROWSER);
                assertThat(response.hasHeader("Connection", "close")).as(response.head()).isTrue();
                assertThat(response.body()).contains("protocol=HTTP/1.0");
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        void otherUserAgentsKeepTheConnectionAliveOnHttp11() throws Exception {
            try (RawHttps client = RawHttps.connect(server.port(), "a.test", pki.rootCertificate())) {
                RawHttps.Response first = client.get("/", "a.test", "curl/8.0");
                assertThat(first.hasHeader("Connection", "close")).as(first.head()).isFalse();
                assertThat(first.body()).contains("protocol=HTTP/1.1");
                RawHttps.Response second = client.get("/", "a.test", "curl/8.0");
                assertThat(second.head()).startsWith("HTTP/1.1 200");
            }
        }

        @Test
        void http2RequestsAreLeftAloneEvenForAMatchingUserAgent() {
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "--http2", "-A", OLD_BROWSER,
                    "--cacert", rootFile.toString(), "--resolve", "a.test:" + server.port() + ":127.0.0.1",
                    "https://a.test:" + server.port() + "/"));
            assertThat(result.stdout()).as(result.all()).contains("protocol=HTTP/2.0");
        }

        @Test
        void onlyAMatchingUserAgentIsClosedWithoutCloseNotify() {
            assertThat(serverAlerts(OLD_BROWSER)).doesNotContain("close_notify");
            assertThat(serverAlerts("Mozilla/5.0 (Windows NT 10.0; Win64; x64)")).contains("close_notify");
        }

        /** The alerts s_client received while the server answered a request and closed the connection. */
        private String serverAlerts(String userAgent) {
            SClient.Outcome outcome = SClient.exchange(server.port(), "a.test",
                    "GET / HTTP/1.1\r\nHost: a.test\r\nUser-Agent: " + userAgent + "\r\nConnection: close\r\n\r\n", "-msg");
            assertThat(outcome.output()).contains("HTTP/1.1 200");
            return String.join("\n", outcome.output().lines().filter(l -> l.startsWith("<<<") && l.contains("Alert")).toList());
        }
    }

    @Nested
    class HandshakeDiagnostics {
        @Test
        void aCompletedHandshakeIsOneStructuredDebugLine() throws Exception {
            try (LogCapture log = LogCapture.start()) {
                assertThat(SClient.handshake(server.port(), "b.test", "-tls1_3").connected()).isTrue();
                List<String> lines = log.await(l -> l.contains("sni=b.test vhost=b.test"), Duration.ofSeconds(3));
                assertThat(lines).singleElement().asString().containsPattern("DEBUG io\\.tlsconnector\\.diag\\.HandshakeLog - TLS handshake "
                        + "client=127\\.0\\.0\\.1:\\d+ sni=b\\.test vhost=b\\.test protocol=TLSv1\\.3 cipher=TLS_\\w+( group=\\w+)? resumed=false duration_ms=\\d+$");
            }
        }

        @Test
        void aResumedSessionIsLoggedAsResumed() throws Exception {
            Path session = dir.resolve("b.session");
            for (String protocol : List.of("-tls1_2", "-tls1_3")) {
                try (LogCapture log = LogCapture.start()) {
                    // A request read to the end makes s_client also read the TLS 1.3 session ticket.
                    SClient.Outcome first = SClient.exchange(server.port(), "b.test",
                            "GET / HTTP/1.1\r\nHost: b.test\r\nConnection: close\r\n\r\n", protocol, "-sess_out", session.toString());
                    assertThat(first.connected()).as(first.output()).isTrue();
                    SClient.Outcome second = SClient.handshake(server.port(), "b.test", protocol, "-sess_in", session.toString());
                    assertThat(second.output()).as(protocol).contains("Reused, ");
                    assertThat(log.await(l -> l.contains("sni=b.test vhost=b.test") && l.contains("resumed=true"), Duration.ofSeconds(3)))
                            .as(protocol + ": %s", log.lines()).hasSize(1);
                }
            }
        }

        @Test
        void aHandshakeWithoutASharedCipherIsAWarningWithTheHint() throws Exception {
            try (LogCapture log = LogCapture.start()) {
                // a.test has an ECDSA key; this client offers only RSA-authenticated suites.
                assertThat(SClient.handshake(server.port(), "a.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256").connected()).isFalse();
                List<String> lines = log.await(l -> l.contains("TLS handshake failed"), Duration.ofSeconds(3));
                assertThat(lines).singleElement().asString()
                        .containsPattern("WARN io\\.tlsconnector\\.diag\\.HandshakeLog - TLS handshake failed client=127\\.0\\.0\\.1:\\d+ "
                                + "sni=a\\.test vhost=a\\.test reason=\"no cipher suites in common\"")
                        .contains(" hint=\"no shared cipher: the client offers none of the virtual host's cipher suites");
            }
        }

        @Test
        void aClientThatDoesNotTrustTheChainIsReportedAsUnknownCa() throws Exception {
            Path otherRoot = TestPki.write(dir.resolve("other-root.pem"), TestPki.pem(TestPki.create().rootCertificate()));
            try (LogCapture log = LogCapture.start()) {
                SClient.handshake(server.port(), "b.test", "-tls1_2", "-CAfile", otherRoot.toString(), "-verify_return_error");
                List<String> lines = log.await(l -> l.contains("TLS handshake failed"), Duration.ofSeconds(3));
                assertThat(lines).singleElement().asString()
                        .contains("sni=b.test vhost=b.test reason=\"Received fatal alert: unknown_ca\"")
                        .contains("hint=\"unknown CA: the client does not trust the certificate chain;");
            }
        }
    }
}
