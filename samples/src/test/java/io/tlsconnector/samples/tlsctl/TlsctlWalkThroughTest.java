package io.tlsconnector.samples.tlsctl;

import static io.tlsconnector.samples.tlsctl.TlsctlRunner.tlsctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.samples.JettySample;
import io.tlsconnector.testing.ExternalTool;

/**
 * Acceptance 4, the mod_ssl FAQ walked through with {@code tlsctl} instead of {@code openssl}: own CA
 * (F16) → encrypted key and CSR (F15) → signed certificate → a virtual host on a real Jetty → curl
 * verifies the server against the CA; then the FAQ's follow-up chores on the same files: match
 * (F19), doctor (F9), probe (F7), hash and rehash with {@code openssl verify -CApath} (F21),
 * pass-phrase change and removal (F17, F18), conversion (F22), inspect (F12) and version (F38).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsctlWalkThroughTest {
    static final String HOST = "www.example.test";

    @TempDir
    static Path dir;
    static Path caPass;
    static Path keyPass;
    static Path ca;
    static Path key;
    static Path csr;
    static Path cert;
    static Server jetty;
    static int port;

    static String path(String name) {
        return dir.resolve(name).toString();
    }

    static TlsctlRunner.Run ok(String... args) {
        TlsctlRunner.Run run = tlsctl(args);
        assertThat(run.exitCode()).as("tlsctl %s%n%s", String.join(" ", args), run).isZero();
        return run;
    }

    static ExternalTool.Result tool(String... command) {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, List.of(command));
        assertThat(result.exitCode()).as("%s%n%s", String.join(" ", command), result.all()).isZero();
        return result;
    }

    @BeforeAll
    static void theFaqWalkThrough() throws Exception {
        caPass = Files.writeString(dir.resolve("ca.pass"), "ca secret\n");
        keyPass = Files.writeString(dir.resolve("key.pass"), "key secret\n");
        ca = dir.resolve("ca");
        key = dir.resolve("server.key");
        csr = dir.resolve("server.csr");
        cert = dir.resolve("server.crt");

        ok("ca", "init", "--dir", ca.toString(), "--cn", "Walk-through CA", "--subject", "/C=DE/O=Example", "--pass", "file:" + caPass);
        ok("genkey", "--type", "rsa", "--bits", "2048", "--encrypt", "aes256", "--pass", "file:" + keyPass, "-o", key.toString());
        ok("req", "--key", key.toString(), "--pass", "file:" + keyPass, "--subject", "/C=DE/O=Example", "--cn", HOST,
                "--san", "DNS:" + HOST + ",IP:127.0.0.1", "-o", csr.toString());
        ok("ca", "sign", "--dir", ca.toString(), "--csr", csr.toString(), "--server", "--days", "90", "-o", cert.toString(),
                "--pass", "file:" + caPass);

        TlsConfig config = TlsConfig.builder()
                .passPhraseProvider(PassPhraseProvider.fixed("key secret".toCharArray()))
                .virtualHost(VirtualHost.builder(HOST).certificate(CertificateSource.pem(cert, key)).build())
                .build();
        jetty = JettySample.start("127.0.0.1", 0, config);
        port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class OnTheServedVirtualHost {
        @Test
        @Order(1)
        void curlVerifiesTheServerAgainstTheOwnCa() {
            ExternalTool.Result curl = tool("curl", "-sS", "--cacert", ca.resolve("ca.crt").toString(),
                    "--resolve", HOST + ":" + port + ":127.0.0.1", "-w", "\n%{http_code}", "https://" + HOST + ":" + port + "/");
            assertThat(curl.stdout()).startsWith("hello").endsWith("\n200");
        }

        @Test
        @Order(2)
        void probeSeesTheChainTheSniNameAndAVerifiedChain() {
            TlsctlRunner.Run run = ok("probe", "127.0.0.1:" + port, "--servername", HOST, "--cafile", ca.resolve("ca.crt").toString());
            assertThat(run.out()).contains("Protocol:     TLSv1.3\n")
                    .contains("Certificate 0: CN=" + HOST + ",O=Example,C=DE\n    issuer: CN=Walk-through CA,O=Example,C=DE\n")
                    .contains("SNI:          " + HOST + " (the certificate covers it)\n")
                    .contains("Verification: OK (chain verifies against " + ca.resolve("ca.crt") + ")\n");
        }

        @Test
        @Order(3)
        void probeWithTls12AndAnUnknownNameSaysSo() {
            TlsctlRunner.Run run = ok("probe", "127.0.0.1:" + port, "--servername", "other.example.test", "--tls1_2");
            assertThat(run.out()).contains("Protocol:     TLSv1.2\n").contains("SNI:          other.example.test (NOT covered");
        }
    }

    @Nested
    class TheFilesWithOpenssl {
        @Test
        void opensslAcceptsTheRequestAndTheCertificate() {
            assertThat(tool("openssl", "req", "-verify", "-noout", "-in", csr.toString()).all()).contains("verify OK");
            assertThat(tool("openssl", "verify", "-purpose", "sslserver", "-CAfile", ca.resolve("ca.crt").toString(), cert.toString())
                    .stdout()).isEqualTo(cert + ": OK\n");
            tool("openssl", "pkey", "-in", key.toString(), "-passin", "file:" + keyPass, "-noout");
        }

        @Test
        void matchAndDoctorFindNothingWrong() {
            assertThat(ok("match", "--cert", cert.toString(), "--key", key.toString(), "--csr", csr.toString(), "--pass", "file:" + keyPass)
                    .out()).endsWith("OK: all files carry the same public key\n");
            assertThat(ok("doctor", "--cert", cert.toString(), "--key", key.toString(), "--ca", ca.resolve("ca.crt").toString(),
                    "--pass", "file:" + keyPass).out()).isEqualTo("OK: every start-up check passed\n");
        }

        @Test
        void theHashEqualsOpensslsAndRehashedLinksServeOpensslVerifyCapath() throws Exception {
            String caCert = ca.resolve("ca.crt").toString();
            assertThat(ok("hash", caCert).out()).isEqualTo(tool("openssl", "x509", "-hash", "-noout", "-in", caCert).stdout());
            assertThat(ok("hash", "--old", caCert).out())
                    .isEqualTo(tool("openssl", "x509", "-subject_hash_old", "-noout", "-in", caCert).stdout());
            Path caPath = Files.createDirectories(dir.resolve("capath"));
            Files.copy(ca.resolve("ca.crt"), caPath.resolve("walk-through-ca.pem"));

            assertThat(ok("rehash", caPath.toString()).out()).isEqualTo(caPath.resolve(ok("hash", caCert).out().strip() + ".0")
                    + " -> walk-through-ca.pem\n");
            tool("openssl", "verify", "-CApath", caPath.toString(), cert.toString());
        }

        @Test
        void theKeyConvertsToPkcs12ThatOpensslOpens() throws Exception {
            Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(cert) + Files.readString(key));
            Path p12 = dir.resolve("server.p12");
            ok("convert", both.toString(), p12.toString(), "--to", "pkcs12", "--pass", "file:" + keyPass, "--out-pass", "file:" + keyPass);
            tool("openssl", "pkcs12", "-in", p12.toString(), "-noout", "-passin", "file:" + keyPass);
            assertThat(ok("inspect", p12.toString(), "--pass", "file:" + keyPass).out()).contains("  Subject:      CN=" + HOST);
        }

        @Test
        void thePassPhraseChangesAndComesOffWithAWarning() throws Exception {
            Path copy = Files.copy(key, dir.resolve("copy.key"));
            Path newPass = Files.writeString(dir.resolve("new.pass"), "new secret\n");
            ok("passwd", copy.toString(), "--pass", "file:" + keyPass, "--new-pass", "file:" + newPass);
            tool("openssl", "pkey", "-in", copy.toString(), "-passin", "file:" + newPass, "-noout");

            Path plain = dir.resolve("copy.unsecure.key");
            TlsctlRunner.Run run = ok("nopass", copy.toString(), "-o", plain.toString(), "--pass", "file:" + newPass);
            assertThat(run.err()).startsWith("WARNING: The private key in " + plain + " is NOT encrypted");
            tool("openssl", "pkey", "-in", plain.toString(), "-noout", "-passin", "pass:");
        }

        @Test
        void aClientCertificateIsSignedRevokedAndListedInTheCrl() {
            Path clientKey = dir.resolve("client.key");
            Path clientCsr = dir.resolve("client.csr");
            Path client = dir.resolve("client.crt");
            ok("genkey", "-o", clientKey.toString());
            ok("req", "--key", clientKey.toString(), "--cn", "Jane Doe", "--subject", "/O=Example", "--san", "email:jane@example.test",
                    "-o", clientCsr.toString());
            ok("ca", "sign", "--dir", ca.toString(), "--csr", clientCsr.toString(), "--client", "-o", client.toString(),
                    "--pass", "file:" + caPass);
            String caCert = ca.resolve("ca.crt").toString();
            tool("openssl", "verify", "-purpose", "sslclient", "-CAfile", caCert, client.toString());

            ok("ca", "revoke", "--dir", ca.toString(), "--cert", client.toString(), "--pass", "file:" + caPass);
            assertThat(ok("ca", "crl", "--dir", ca.toString(), "--pass", "file:" + caPass).out())
                    .startsWith("Wrote " + ca.resolve("crl.pem") + " with 1 revoked certificate(s), next update ");

            ExternalTool.Result refused = ExternalTool.run(Duration.ofSeconds(30), null, List.of("openssl", "verify", "-crl_check",
                    "-CAfile", caCert, "-CRLfile", ca.resolve("crl.pem").toString(), client.toString()));
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.all()).contains("certificate revoked");
            tool("openssl", "verify", "-crl_check", "-CAfile", caCert, "-CRLfile", ca.resolve("crl.pem").toString(), cert.toString());
        }

        @Test
        void versionNamesTheContainersOnTheClassPath() {
            assertThat(ok("version").out()).contains("Jetty:             12.1.12").contains("Tomcat:            11.0.14")
                    .contains("tls-connector:     0.1.0-SNAPSHOT");
        }
    }
}
