package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.SubjectHash;

/**
 * Client certificates on the container under test, against real clients (curl, openssl s_client, the JDK
 * HttpClient): every SSLVerifyClient mode with no, a valid, an unknown-CA, an expired and a revoked
 * certificate, decided as httpd + mod_ssl decides on the same files (a live differential), and trust
 * from CA directories with and without {@code openssl rehash} links, re-read on reload (F21).
 */
public abstract class ClientAuthContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    @TempDir
    static Path dir;

    static ClientCertificates certs;
    /** httpd per connector name: each SSLVerifyClient mode with CRLs checked for the whole chain, and optional_no_ca without CRLs. */
    static final Map<String, ApacheHttpd> httpds = new LinkedHashMap<>();
    static final List<TlsRuntime> runtimes = new ArrayList<>();
    static VariablesServer served;
    static Path plainDir;
    static Path rehashedDir;
    static final String NO_CA_WITHOUT_CRLS = "optional_no_ca-without-crls";

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void start() throws Exception {
        ExternalTool.require("apache2");
        ExternalTool.require("curl");
        certs = new ClientCertificates(dir);
        Path serverCrt = certs.server.writeCertificate(dir, "server");
        Path serverKey = certs.server.writeKey(dir, "server");
        Map<String, TlsRuntime> byName = new LinkedHashMap<>();
        for (VerifyClient mode : VerifyClient.values()) {
            String word = mode.name().toLowerCase(java.util.Locale.ROOT);
            httpds.put(word, ApacheHttpd.start(dir.resolve("httpd-" + word), "SSLCertificateFile \"" + serverCrt + "\"\n"
                    + "SSLCertificateKeyFile \"" + serverKey + "\"\n"
                    + "SSLCACertificateFile \"" + certs.rootPem + "\"\n"
                    + "SSLCARevocationFile \"" + certs.crlPem + "\"\n"
                    + "SSLCARevocationCheck chain\n"
                    + "SSLVerifyClient " + word + "\n"
                    + "SSLOptions +StdEnvVars\n"));
            VirtualHost.Builder host = host(mode);
            if (mode != VerifyClient.NONE) {
                host.caCertificateFile(certs.rootPem).clientAuth(ClientAuth.DEFAULT.withCaRevocationFile(certs.crlPem)
                        .withRevocationCheck(RevocationCheck.parse("chain")));
            }
            byName.put(word, start(host));
        }
        httpds.put(NO_CA_WITHOUT_CRLS, ApacheHttpd.start(dir.resolve("httpd-" + NO_CA_WITHOUT_CRLS),
                "SSLCertificateFile \"" + serverCrt + "\"\n"
                + "SSLCertificateKeyFile \"" + serverKey + "\"\n"
                + "SSLCACertificateFile \"" + certs.rootPem + "\"\n"
                + "SSLVerifyClient optional_no_ca\n"
                + "SSLOptions +StdEnvVars\n"));
        byName.put(NO_CA_WITHOUT_CRLS, start(host(VerifyClient.OPTIONAL_NO_CA).caCertificateFile(certs.rootPem)));
        plainDir = Files.createDirectories(dir.resolve("ca-plain-" + engine));
        Files.copy(certs.rootPem, plainDir.resolve("client-root.pem"));
        Files.writeString(plainDir.resolve("README"), "CA certificates for client authentication\n");
        rehashedDir = Files.createDirectories(dir.resolve("ca-rehashed-" + engine));
        Files.copy(certs.rootPem, rehashedDir.resolve("client-root.pem"));
        ExternalTool.Result rehash = ExternalTool.run(Duration.ofSeconds(20), List.of("openssl", "rehash", rehashedDir.toString()));
        assertThat(rehash.exitCode()).as(rehash.all()).isZero();
        byName.put("ca-plain", start(host(VerifyClient.REQUIRE).caCertificatePath(plainDir)));
        byName.put("ca-rehashed", start(host(VerifyClient.REQUIRE).caCertificatePath(rehashedDir)));
        served = VariablesServer.start(container(), byName);
    }

    private static VirtualHost.Builder host(VerifyClient mode) {
        return VirtualHost.builder("localhost").certificate(CertificateSource.of(certs.server.privateKey(), certs.server.fullChain()))
                .verifyClient(mode).options(SslOption.STD_ENV_VARS);
    }

    private TlsRuntime start(VirtualHost.Builder host) {
        TlsRuntime runtime = TlsRuntime.start(tlsConfig().virtualHost(host.build()).build());
        runtimes.add(runtime);
        return runtime;
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
        httpds.values().forEach(ApacheHttpd::close);
        httpds.clear();
    }

    private static String ours(String connector, TestPki.Issued client, String name, String... curlOptions) {
        return certs.curlOutcome("https://localhost:" + served.port(connector) + "/cgi-bin/env.cgi", client, name, curlOptions);
    }

    private static String modSsl(String connector, TestPki.Issued client, String name, String... curlOptions) {
        return certs.curlOutcome("https://localhost:" + httpds.get(connector).port() + "/cgi-bin/env.cgi", client, name, curlOptions);
    }

    /** Asks httpd and our container with each client; both must give {@code expected} (in the order no cert, valid, unknown CA, expired, revoked). */
    private void assertOutcomes(VerifyClient mode, String... expected) {
        assertOutcomes(mode.name().toLowerCase(java.util.Locale.ROOT), expected);
    }

    private void assertOutcomes(String connector, String... expected) {
        TestPki.Issued[] clients = {null, certs.valid, certs.unknown, certs.expired, certs.revoked};
        String[] names = {"none", "valid", "unknown", "expired", "revoked"};
        List<String> theirs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < clients.length; i++) {
            theirs.add(names[i] + ": " + modSsl(connector, clients[i], names[i]));
            ours.add(names[i] + ": " + ours(connector, clients[i], names[i]));
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            wanted.add(names[i] + ": " + expected[i]);
        }
        assertThat(theirs).as("httpd + mod_ssl, %s; error log:\n%s", connector, httpds.get(connector).errorLog())
                .containsExactlyElementsOf(wanted);
        assertThat(ours).as("%s, %s", container().name(), connector).containsExactlyElementsOf(theirs);
    }

    @Nested
    class EveryVerifyModeAsModSsl {
        @Test
        void noneNeverAsksSoEveryClientIsServedWithVerifyNone() {
            assertOutcomes(VerifyClient.NONE, "200 NONE", "200 NONE", "200 NONE", "200 NONE", "200 NONE");
        }

        @Test
        void optionalServesClientsWithoutACertificateAndRefusesEveryCertificateThatDoesNotVerify() {
            assertOutcomes(VerifyClient.OPTIONAL, "200 NONE", "200 SUCCESS", "refused", "refused", "refused");
        }

        @Test
        void requireRefusesClientsWithoutACertificateToo() {
            assertOutcomes(VerifyClient.REQUIRE, "refused", "200 SUCCESS", "refused", "refused", "refused");
        }

        @Test
        void optionalNoCaWithoutCrlsServesAnUnknownCaCertificateReportingWhyButRefusesAnExpiredOne() {
            assertOutcomes(NO_CA_WITHOUT_CRLS, "200 NONE", "200 SUCCESS",
                    "200 FAILED:unable to verify the first certificate", "refused", "200 SUCCESS");
        }

        @Test
        void optionalNoCaOnTls12ReportsAnUnknownCaCertificateAsGenerousAsModSslDoes() {
            String[] tls12 = {"--tlsv1.2", "--tls-max", "1.2"};
            String theirs = modSsl(NO_CA_WITHOUT_CRLS, certs.unknown, "unknown", tls12);
            assertThat(theirs).as("httpd + mod_ssl; error log:\n%s", httpds.get(NO_CA_WITHOUT_CRLS).errorLog()).isEqualTo("200 GENEROUS");
            assertThat(ours(NO_CA_WITHOUT_CRLS, certs.unknown, "unknown", tls12)).as(container().name()).isEqualTo(theirs);
            assertThat(ours(NO_CA_WITHOUT_CRLS, certs.valid, "valid", tls12)).isEqualTo(modSsl(NO_CA_WITHOUT_CRLS, certs.valid, "valid", tls12))
                    .isEqualTo("200 SUCCESS");
        }

        @Test
        void optionalNoCaWithAChainCrlCheckRefusesAnUnknownCaCertificateForWantOfItsCrl() {
            assertOutcomes(VerifyClient.OPTIONAL_NO_CA, "200 NONE", "200 SUCCESS", "refused", "refused", "refused");
        }
    }

    /** F21: the same client-certificate rules on the BoringSSL engine, checked by the library's own verifier. */
    @Nested
    class OtherClients {
        @Test
        void opensslSClientWithAValidCertificateIsServedAndWithARevokedOneIsNot() {
            String request = "GET /cgi-bin/env.cgi HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            int port = served.port("require");
            SClient.Outcome valid = SClient.exchange(port, "localhost", request, "-CAfile", certs.rootPem.toString(),
                    "-cert", certs.valid.writeCertificate(dir, "valid").toString(), "-key", certs.valid.writeKey(dir, "valid").toString());
            SClient.Outcome revoked = SClient.exchange(port, "localhost", request, "-CAfile", certs.rootPem.toString(),
                    "-cert", certs.revoked.writeCertificate(dir, "revoked").toString(),
                    "-key", certs.revoked.writeKey(dir, "revoked").toString());
            assertThat(valid.output()).contains("HTTP/1.1 200").contains("\"SSL_CLIENT_VERIFY\": \"SUCCESS\"")
                    .contains("\"SSL_VERSION_LIBRARY\": \"" + libraryPrefix());
            assertThat(revoked.output()).doesNotContain("HTTP/1.1 200").containsIgnoringCase("alert");
        }

        @Test
        void theJdkHttpClientWithAClientKeyStoreIsServedOnlyWithATrustedCertificate() throws Exception {
            String url = "https://localhost:" + served.port("require") + "/cgi-bin/env.cgi";
            assertThat(ClientCertificates.get(certs.httpClient(certs.valid), url, Map.of()))
                    .startsWith("200 ").contains("\"SSL_CLIENT_VERIFY\": \"SUCCESS\"");
            assertThat(ClientCertificates.get(certs.httpClient(certs.unknown), url, Map.of())).isEqualTo("refused");
        }
    }

    @Nested
    class CaDirectories {
        @Test
        void aDirectoryWithoutHashLinksTrustsEveryCertificateInIt() {
            assertThat(ours("ca-plain", certs.valid, "valid")).isEqualTo("200 SUCCESS");
            assertThat(ours("ca-plain", certs.unknown, "unknown")).isEqualTo("refused");
        }

        @Test
        void aDirectoryRehashedByOpensslTrustsItsCertificatesOnce() {
            assertThat(rehashedDir.resolve(SubjectHash.of(certs.root.certificate()) + ".0")).isSymbolicLink();
            assertThat(ours("ca-rehashed", certs.valid, "valid")).isEqualTo("200 SUCCESS");
            assertThat(runtimes.get(VerifyClient.values().length + 2).defaultHost().clientCaCertificates())
                    .containsExactly(certs.root.certificate());
        }

        @Test
        void aCertificateAddedToTheDirectoryIsTrustedAfterAReload() throws Exception {
            TlsRuntime plain = runtimes.get(VerifyClient.values().length + 1);
            Path added = plainDir.resolve("other-root.pem");
            try {
                Files.copy(certs.otherRootPem, added);
                assertThat(plain.reload()).isEmpty();
                assertThat(ours("ca-plain", certs.unknown, "unknown")).isEqualTo("200 SUCCESS");
            } finally {
                Files.deleteIfExists(added);
                plain.reload();
            }
            assertThat(ours("ca-plain", certs.unknown, "unknown")).isEqualTo("refused");
        }
    }
}
