package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.httpd.HttpdConf;

/**
 * Acceptance 1 of issue 11: our server started from the golden fixture's own {@code conf/httpd.conf}
 * (read by {@link HttpdConf} with {@code G} defined as the fixture folder), one connector per address
 * it listens on, answers the golden captures' requests with the SSL_* variables mod_ssl exported.
 * The scenarios served from {@code <Location>} paths with their own SSLOptions (06, 08, 09) are replayed
 * on those paths, which the connector now applies as path rules (issue 19); 10 (mod_headers probes) and
 * 16/17 (Basic authentication, SSLUserName) are not in the stored subset of the capture.
 */
public abstract class HttpdConfGoldenContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    private final List<TlsRuntime> runtimes = new ArrayList<>();
    private VariablesServer server;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startFromTheFixturesHttpdConf() throws Exception {
        // The capture harness sets test headers in <Location /lookup/> and uses Basic authentication: read leniently.
        HttpdConf conf = HttpdConf.read(GoldenFixtures.dir().resolve("conf/httpd.conf"), Map.of("G", GoldenFixtures.dir().toString()),
                HttpdConf.Options.lenient());
        Map<String, TlsRuntime> byPort = new LinkedHashMap<>();
        for (HttpdConf.Listener listener : conf.listeners()) {
            TlsRuntime runtime = TlsRuntime.start(onEngine(listener.config()));
            runtimes.add(runtime);
            byPort.put(Integer.toString(listener.port()), runtime);
        }
        assertThat(byPort).containsOnlyKeys("8443", "8444");
        server = VariablesServer.start(container(), byPort);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
    }

    private Map<String, String> curl(String listen, String host, String... curlOptions) {
        return curlPath(listen, host, "/cgi-bin/env.cgi", curlOptions);
    }

    private Map<String, String> curlPath(String listen, String host, String path, String... curlOptions) {
        int port = server.port(listen);
        List<String> options = new ArrayList<>(List.of("--cacert", GoldenFixtures.certificate("ca.crt").toString(),
                "--resolve", host + ":" + port + ":127.0.0.1"));
        options.addAll(List.of(curlOptions));
        return Curl.json("https://" + host + ":" + port + path, options);
    }

    private void replay(String scenario, String host, String... curlOptions) {
        ModSslComparison.assertSameVariables(scenario, GoldenFixtures.capturedEnvironment(scenario), curl("8443", host, curlOptions));
    }

    private static String[] clientCertificate(String... more) {
        List<String> all = new ArrayList<>(List.of("--cert", GoldenFixtures.certificate("client.crt").toString(),
                "--key", GoldenFixtures.certificate("client.key").toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /**
     * Issue 19: vhost A's {@code <Location>} sections with their own SSLOptions, applied by the connector as
     * path rules, give the variables mod_ssl gave on those paths (F10, F13).
     */
    @Nested
    class PerLocationSslOptions {
        @Test
        void legacyDnStringFormatUnderLegacySeesScenario06() {
            ModSslComparison.assertSameVariables("06-legacy-dn-format", GoldenFixtures.capturedEnvironment("06-legacy-dn-format"),
                    curlPath("8443", "localhost", "/legacy/env.cgi", clientCertificate()));
        }

        @Test
        void stdEnvVarsWithoutCertificateDataUnderStdonlySeesScenario08() {
            ModSslComparison.assertSameVariables("08-stdenvvars-only", GoldenFixtures.capturedEnvironment("08-stdenvvars-only"),
                    curlPath("8443", "localhost", "/stdonly/env.cgi", clientCertificate()));
        }

        @Test
        void noOptionsUnderPlainSeesScenario09() {
            ModSslComparison.assertSameVariables("09-no-ssloptions", GoldenFixtures.capturedEnvironment("09-no-ssloptions"),
                    curlPath("8443", "localhost", "/plain/env.cgi", clientCertificate()));
        }
    }

    @Nested
    class VirtualHostsAAndBOn8443WithCurl {
        @Test
        void aClientWithoutCertificateSeesScenario01() {
            replay("01-no-client-cert", "localhost");
        }

        @Test
        void aClientWithCertificateSeesScenario02() {
            replay("02-client-cert", "localhost", clientCertificate());
        }

        @Test
        void tls12WithEcdheRsaAes128GcmSeesScenario03() {
            replay("03-tls12-ecdhe-rsa-aes128-gcm", "localhost",
                    clientCertificate("--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256"));
        }

        @Test
        void tls12WithDheRsaAes256GcmSeesScenario03bOnJsseAndNoSharedCipherOnBoringSsl() {
            String[] options = clientCertificate("--tlsv1.2", "--tls-max", "1.2", "--ciphers", "DHE-RSA-AES256-GCM-SHA384");
            if (engine == Engine.BORINGSSL) {
                // The fixture's hosts name no SSLCipherSuite; BoringSSL serves the secure default without DHE.
                int port = server.port("8443");
                List<String> all = new ArrayList<>(List.of("--cacert", GoldenFixtures.certificate("ca.crt").toString(),
                        "--resolve", "localhost:" + port + ":127.0.0.1"));
                all.addAll(List.of(options));
                Curl.assertHandshakeFailure("https://localhost:" + port + "/cgi-bin/env.cgi", all);
                return;
            }
            replay("03b-tls12-dhe-rsa-aes256-gcm", "localhost", options);
        }

        @Test
        void tls13SeesScenario04() {
            replay("04-tls13", "localhost", clientCertificate("--tlsv1.3"));
        }

        @Test
        void tls13WithChacha20SeesScenario04b() {
            replay("04b-tls13-chacha20", "localhost", clientCertificate("--tlsv1.3", "--tls13-ciphers", "TLS_CHACHA20_POLY1305_SHA256"));
        }

        @Test
        void sniForVirtualHostBSeesScenario05() {
            replay("05-sni-www.example.test", "www.example.test", clientCertificate());
        }
    }

    /** The capture's openssl s_client runs, including those without SNI or with an unknown name. */
    @Nested
    class VirtualHostAOn8443WithSClient {
        @Test
        void aClientWithCertificateSeesScenario02() {
            sClient("02-client-cert", "-servername", "localhost", "-cert", GoldenFixtures.certificate("client.crt").toString(),
                    "-key", GoldenFixtures.certificate("client.key").toString());
        }

        @Test
        void noSniIsServedByTheDefaultVirtualHostAsInScenario11() {
            sClient("11-no-sni", "-noservername", "-cert", GoldenFixtures.certificate("client.crt").toString(),
                    "-key", GoldenFixtures.certificate("client.key").toString());
        }

        @Test
        void anUnknownSniNameIsServedByTheDefaultVirtualHostAsInScenario12() {
            sClient("12-sni-unknown-name", "-servername", "unknown.example.test");
        }

        private void sClient(String scenario, String... options) {
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port("8443"),
                    "-CAfile", GoldenFixtures.certificate("ca.crt").toString(), "-quiet", "-ign_eof"));
            command.addAll(List.of(options));
            String host = scenario.startsWith("12") ? "unknown.example.test" : "localhost";
            String request = "GET /cgi-bin/env.cgi HTTP/1.1\r\nHost: " + host + ":8443\r\nUser-Agent: openssl-s_client\r\n"
                    + "Connection: close\r\n\r\n";
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), request.getBytes(StandardCharsets.US_ASCII), command);
            int start = result.stdout().indexOf('{');
            assertThat(start).as(result.all()).isNotNegative();
            Map<String, String> ours = FlatJson.parse(result.stdout().substring(start, result.stdout().lastIndexOf('}') + 1));
            ModSslComparison.assertSameVariables(scenario + " (s_client)", GoldenFixtures.capturedSClientEnvironment(scenario), ours);
        }
    }

    /** Virtual hosts C (SSLVerifyClient require) and D (optional_no_ca, port 8444), as the fixture's README describes them. */
    @Nested
    class VirtualHostsCAndD {
        @Test
        void virtualHostCVerifiesTheClientAndExportsNoCertificates() {
            // The fixture's server certificate names localhost and www.example.test only, for httpd as for us: hence --insecure.
            Map<String, String> ours = curl("8443", "other.example.test", clientCertificate("--insecure"));
            assertThat(ours).containsEntry("SSL_TLS_SNI", "other.example.test").containsEntry("SSL_CLIENT_VERIFY", "SUCCESS")
                    .containsEntry("SSL_CLIENT_S_DN_CN", "Jane Doe").doesNotContainKey("SSL_CLIENT_CERT").doesNotContainKey("SSL_SERVER_CERT");
        }

        @Test
        void virtualHostCRefusesAClientWithoutCertificate() {
            int port = server.port("8443");
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, List.of("curl", "-sS", "--max-time", "20",
                    "--insecure", "--resolve", "other.example.test:" + port + ":127.0.0.1",
                    "https://other.example.test:" + port + "/cgi-bin/env.cgi"));
            assertThat(result.exitCode()).as(result.all()).isNotZero();
        }

        @Test
        void virtualHostDAcceptsAnUntrustedSelfSignedClientAndReportsItAsScenario15aDid() {
            Map<String, String> ours = curl("8444", "localhost", "--cert", GoldenFixtures.certificate("selfsigned-client.crt").toString(),
                    "--key", GoldenFixtures.certificate("selfsigned-client.key").toString());
            assertThat(ours).containsEntry("SSL_CLIENT_VERIFY", "FAILED:self-signed certificate")
                    .containsEntry("SSL_CLIENT_S_DN", "CN=Self-Signed Client,O=Nobody").doesNotContainKey("SSL_CLIENT_CERT");
        }
    }
}
