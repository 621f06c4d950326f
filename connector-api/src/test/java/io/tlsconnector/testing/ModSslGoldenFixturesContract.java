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
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * Acceptance 1 of issue 12 (F10, F32): replays the golden capture of Apache httpd 2.4.71 + mod_ssl
 * (../shared/fixtures/modssl-golden) against our connector (on the container under test), with the same certificates, the
 * same virtual-host settings (SSLVerifyClient optional, SSLCACertificateFile ca.crt, SSLOptions per
 * scenario) and the same curl command lines, and compares every SSL_* variable.
 */
public abstract class ModSslGoldenFixturesContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    static final List<TlsRuntime> runtimes = new ArrayList<>();
    static VariablesServer server;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startLikeTheCapturedHttpd() throws Exception {
        Map<String, TlsRuntime> byName = new LinkedHashMap<>();
        byName.put("cgi-bin", runtime(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA));
        byName.put("legacy", runtime(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA, SslOption.LEGACY_DN_STRING_FORMAT));
        byName.put("stdonly", runtime(SslOption.STD_ENV_VARS));
        byName.put("plain", runtime());
        runtimes.addAll(byName.values());
        server = VariablesServer.start(container(), byName);
    }

    /** vhost A (localhost, the default) and B (www.example.test) of the capture's httpd.conf. */
    private TlsRuntime runtime(SslOption... options) {
        TlsConfig.Builder config = tlsConfig();
        for (String name : List.of("localhost", "www.example.test")) {
            config.virtualHost(VirtualHost.builder(name)
                    .certificate(CertificateSource.pem(GoldenFixtures.certificate("server.crt"), GoldenFixtures.certificate("server.key")))
                    .caCertificateFile(GoldenFixtures.certificate("ca.crt"))
                    .verifyClient(VerifyClient.OPTIONAL)
                    .verifyDepth(3)
                    .options(options)
                    .build());
        }
        return TlsRuntime.start(config.build());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
    }

    /** Runs the capture's curl command for {@code scenario} against our server and compares. */
    private static void replay(String scenario, String host, String location, String... curlOptions) {
        Map<String, String> captured = GoldenFixtures.capturedEnvironment(scenario);
        int port = server.port(location);
        List<String> options = new ArrayList<>(List.of("--cacert", GoldenFixtures.certificate("ca.crt").toString(),
                "--resolve", "www.example.test:" + port + ":127.0.0.1"));
        options.addAll(List.of(curlOptions));
        Map<String, String> ours = Curl.json("https://" + host + ":" + port + "/" + location + "/env.cgi", options);
        ModSslComparison.assertSameVariables(scenario, captured, ours);
    }

    private static String[] clientCertificate() {
        return new String[] {"--cert", GoldenFixtures.certificate("client.crt").toString(),
                "--key", GoldenFixtures.certificate("client.key").toString()};
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Nested
    class WithStdEnvVarsAndExportCertData {
        @Test
        void aClientWithoutCertificateSeesScenario01() {
            replay("01-no-client-cert", "localhost", "cgi-bin");
        }

        @Test
        void aClientWithCertificateSeesScenario02() {
            replay("02-client-cert", "localhost", "cgi-bin", clientCertificate());
        }

        @Test
        void tls12WithEcdheRsaAes128GcmSeesScenario03() {
            replay("03-tls12-ecdhe-rsa-aes128-gcm", "localhost", "cgi-bin",
                    with(clientCertificate(), "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256"));
        }

        @Test
        void tls12WithDheRsaAes256GcmSeesScenario03bOnJsseAndNoSharedCipherOnBoringSsl() {
            String[] options = with(clientCertificate(), "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "DHE-RSA-AES256-GCM-SHA384");
            if (engine == Engine.BORINGSSL) {
                // BoringSSL has no finite-field DHE; a host whose clients need it names DHE suites and stays on JSSE.
                int port = server.port("cgi-bin");
                List<String> all = new ArrayList<>(List.of("--cacert", GoldenFixtures.certificate("ca.crt").toString()));
                all.addAll(List.of(options));
                Curl.assertHandshakeFailure("https://localhost:" + port + "/cgi-bin/env.cgi", all);
                return;
            }
            replay("03b-tls12-dhe-rsa-aes256-gcm", "localhost", "cgi-bin", options);
        }

        @Test
        void tls13SeesScenario04() {
            replay("04-tls13", "localhost", "cgi-bin", with(clientCertificate(), "--tlsv1.3"));
        }

        @Test
        void tls13WithChacha20SeesScenario04b() {
            replay("04b-tls13-chacha20", "localhost", "cgi-bin",
                    with(clientCertificate(), "--tlsv1.3", "--tls13-ciphers", "TLS_CHACHA20_POLY1305_SHA256"));
        }

        @Test
        void sniForTheSecondVirtualHostSeesScenario05() {
            replay("05-sni-www.example.test", "www.example.test", "cgi-bin", clientCertificate());
        }
    }

    /** The capture's {@code sclient_capture} runs: openssl s_client sends a session_ticket extension, curl does not. */
    @Nested
    class ReplayedWithOpensslSClient {
        @Test
        void aClientWithoutCertificateSeesScenario01() {
            replaySClient("01-no-client-cert", "localhost");
        }

        @Test
        void aClientWithCertificateSeesScenario02() {
            replaySClient("02-client-cert", "localhost", clientCertificate());
        }

        @Test
        void aTls12HandshakeThatIssuesATicketHasNoSessionIdLikeScenario03() {
            Map<String, String> ours = replaySClient("03-tls12-ecdhe-rsa-aes128-gcm", "localhost",
                    with(clientCertificate(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"));
            assertThat(ours).doesNotContainKey("SSL_SESSION_ID");
        }

        @Test
        void tls13SeesScenario04() {
            replaySClient("04-tls13", "localhost", with(clientCertificate(), "-tls1_3"));
        }

        @Test
        void sniForTheSecondVirtualHostSeesScenario05() {
            replaySClient("05-sni-www.example.test", "www.example.test", clientCertificate());
        }

        private Map<String, String> replaySClient(String scenario, String serverName, String... options) {
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port("cgi-bin"),
                    "-CAfile", GoldenFixtures.certificate("ca.crt").toString(), "-quiet", "-ign_eof", "-servername", serverName));
            for (String option : options) {
                command.add(option.equals("--cert") ? "-cert" : option.equals("--key") ? "-key" : option);
            }
            String request = "GET /cgi-bin/env.cgi HTTP/1.1\r\nHost: " + serverName + "\r\nUser-Agent: openssl-s_client\r\n"
                    + "Connection: close\r\n\r\n";
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), request.getBytes(StandardCharsets.US_ASCII), command);
            int start = result.stdout().indexOf('{');
            assertThat(start).as(result.all()).isNotNegative();
            Map<String, String> ours = FlatJson.parse(result.stdout().substring(start, result.stdout().lastIndexOf('}') + 1));
            ModSslComparison.assertSameVariables(scenario + " (s_client)", GoldenFixtures.capturedSClientEnvironment(scenario), ours);
            return ours;
        }
    }

    @Nested
    class OtherOptions {
        @Test
        void legacyDnStringFormatSeesScenario06() {
            replay("06-legacy-dn-format", "localhost", "legacy", clientCertificate());
        }

        @Test
        void stdEnvVarsAloneSeesScenario08() {
            replay("08-stdenvvars-only", "localhost", "stdonly", clientCertificate());
        }

        @Test
        void noOptionsExportOnlyHttpsAndSniLikeScenario09() {
            replay("09-no-ssloptions", "localhost", "plain", clientCertificate());
        }

        @Test
        void theCompressionMethodIsAlwaysNullBecauseCompressionIsNeverOffered() {
            Map<String, String> ours = Curl.json("https://localhost:" + server.port("cgi-bin") + "/",
                    List.of("--cacert", GoldenFixtures.certificate("ca.crt").toString()));
            assertThat(ours).containsEntry("SSL_COMPRESS_METHOD", "NULL");
        }
    }
}
