package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.TlsConfig;

import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;
import picocli.CommandLine;

/**
 * The samples' {@code /printenv} page, mod_ssl's printenv CGI for servlets (F10, F32), read by curl
 * and by a real headless Chromium (acceptance 4 of issue 12), on the Jetty and the Tomcat sample.
 */
class PrintenvTest {
    static final String NAME = "test.example";

    @Nested
    class OnJetty extends PrintenvScenarios {
        OnJetty() {
            super(SampleKind.JETTY);
        }
    }

    @Nested
    class OnTomcat extends PrintenvScenarios {
        OnTomcat() {
            super(SampleKind.TOMCAT);
        }
    }
}

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrintenvScenarios {
    static final String NAME = PrintenvTest.NAME;

    Path dir;
    int port;

    private final SampleKind kind;
    private SampleKind.Started sample;

    PrintenvScenarios(SampleKind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startTheSampleWithACertificateForTestExample(@TempDir Path files) throws Exception {
        dir = files;
        TestPki.Issued cert = TestPki.create().issueServer(NAME, NAME);
        JettySample sample = new JettySample();
        new CommandLine(sample).parseArgs("--port", "0", "--server-name", NAME,
                "--cert", cert.writeFullChain(dir, "test").toString(), "--key", cert.writeKey(dir, "test").toString());
        this.sample = kind.start(sample.tlsConfig());
        port = this.sample.port();
    }

    @AfterAll
    void stopTheSample() throws Exception {
        sample.close();
    }

    @Nested
    class WithCurl {
        @Test
        void formatTextPrintsSortedNameValueLines() {
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "-k", "--tlsv1.2",
                    "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256",
                    "--resolve", NAME + ":" + port + ":127.0.0.1", "https://" + NAME + ":" + port + "/printenv?format=text"));
            assertThat(result.exitCode()).as(result.all()).isZero();
            List<String> lines = result.stdout().lines().filter(l -> l.matches("[A-Z_0-9a-z]+=.*")).toList();
            assertThat(lines).contains("HTTPS=on", "SSL_PROTOCOL=TLSv1.2", "SSL_CIPHER=ECDHE-ECDSA-AES128-GCM-SHA256",
                    "SSL_CIPHER_USEKEYSIZE=128", "SSL_COMPRESS_METHOD=NULL", "SSL_TLS_SNI=" + NAME,
                    "SSL_SERVER_S_DN_CN=" + NAME, "SSL_CLIENT_VERIFY=NONE");
            List<String> names = lines.stream().map(l -> l.substring(0, l.indexOf('='))).toList();
            assertThat(names).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void theHtmlTableEscapesValues() {
            assertThat(PrintenvServlet.html("O=A\\, \"B\" <C> & D")).isEqualTo("O=A\\, &quot;B&quot; &lt;C&gt; &amp; D");
        }
    }

    @Nested
    class WithHeadlessChromium {
        @Test
        void anIpAddressUrlShowsProtocolAndCipherButNoSniBecauseChromiumSendsNoneForAddresses() throws Exception {
            String dom = chromium("https://127.0.0.1:" + port + "/printenv", null);
            assertThat(row(dom, "SSL_PROTOCOL")).as(dom).isEqualTo("TLSv1.3");
            assertThat(row(dom, "SSL_CIPHER")).isEqualTo(expectedTls13Cipher());
            assertThat(row(dom, "SSL_TLS_SNI")).as("as mod_ssl: no SNI, no SSL_TLS_SNI").isNull();
        }

        @Test
        void aHostNameUrlAlsoShowsTheSniName() throws Exception {
            String dom = chromium("https://" + NAME + ":" + port + "/printenv", "MAP " + NAME + " 127.0.0.1");
            assertThat(row(dom, "SSL_PROTOCOL")).as(dom).isEqualTo("TLSv1.3");
            assertThat(row(dom, "SSL_CIPHER")).isEqualTo(expectedTls13Cipher());
            assertThat(row(dom, "SSL_TLS_SNI")).isEqualTo(NAME);
            assertThat(row(dom, "HTTPS")).isEqualTo("on");
        }

        /**
         * The sample serves on BoringSSL, which with AES hardware takes the client's first TLS 1.3 suite
         * (as OpenSSL in httpd does without SSLHonorCipherOrder); Chromium offers AES-128-GCM first.
         */
        private String expectedTls13Cipher() {
            return "TLS_AES_128_GCM_SHA256";
        }

        private String chromium(String url, String hostResolverRules) throws Exception {
            Path profile = java.nio.file.Files.createTempDirectory(dir, "chromium-profile");
            List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--ignore-certificate-errors", "--user-data-dir=" + profile));
            if (hostResolverRules != null) {
                command.add("--host-resolver-rules=" + hostResolverRules);
            }
            command.addAll(List.of("--dump-dom", url));
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(90), null, command);
            assertThat(result.stdout()).as("chromium --dump-dom output; stderr:\n%s", result.stderr()).contains("ssl-variables");
            return result.stdout();
        }

        private String row(String dom, String name) {
            Matcher m = Pattern.compile("<th>" + name + "</th><td>(.*?)</td>", Pattern.DOTALL).matcher(dom);
            return m.find() ? m.group(1) : null;
        }
    }
}
