package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.http.SslRequireFilter;

/**
 * TLS-SRP (F35, mod_ssl's SSLSRPVerifierFile) on a real container, with real clients: {@code openssl s_client
 * -srpuser} and {@code curl --tlsuser} log in with a password from a verifier file {@code openssl srp} wrote,
 * see {@code SSL_SRP_USER}; a wrong password and an unknown user fail with the same alert as on httpd +
 * mod_ssl with the same file; a host with SRP and certificate suites serves both kinds of client. Run once
 * per adapter; the host is always on the Bouncy Castle engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SrpContract {
    static final String PASSWORD = "correct horse 7";
    static final String SEED = "a long random unknown-user seed";
    static final Pattern ALERT = Pattern.compile("((?:sslv3|tlsv1) alert [a-z ]+)");

    private Path dir;
    private Path verifierFile;
    private TestPki.Issued leaf;
    private TlsRuntime runtime;
    private VariablesServer server;
    private ContainerUnderTest.Running guarded;

    protected abstract ContainerUnderTest container();

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        ExternalTool.require("openssl");
        dir = tempDir;
        verifierFile = Files.createFile(dir.resolve("passwd.srpv"));
        openssl("srp", "-srpvfile", verifierFile.toString(), "-add", "-userinfo", "Alice Liddell", "-passout", "pass:" + PASSWORD, "alice");
        openssl("srp", "-srpvfile", verifierFile.toString(), "-add", "-gn", "1536", "-passout", "pass:" + PASSWORD, "bob");
        leaf = TestPki.create().issueServer("srp.test", "srp.test", "mixed.test", "noseed.test", "localhost");
        CertificateSource certificate = CertificateSource.of(leaf.privateKey(), leaf.fullChain());
        runtime = TlsRuntime.start(TlsConfig.builder()
                .virtualHost(VirtualHost.builder("srp.test").certificate(certificate).options(SslOption.STD_ENV_VARS).cipherSuite("!DSS:!aRSA:SRP")
                        .srpVerifierFile(verifierFile).srpUnknownUserSeed(SEED).userName("SSL_SRP_USER").build())
                .virtualHost(VirtualHost.builder("mixed.test").certificate(certificate).options(SslOption.STD_ENV_VARS).cipherSuite("SRP:ECDHE+AESGCM")
                        .srpVerifierFile(verifierFile).srpUnknownUserSeed(SEED).build())
                .virtualHost(VirtualHost.builder("noseed.test").certificate(certificate).options(SslOption.STD_ENV_VARS).cipherSuite("!DSS:!aRSA:SRP")
                        .srpVerifierFile(verifierFile).build())
                .build());
        server = VariablesServer.start(container(), Map.of("srp", runtime));
        guarded = container().launch(List.of(ContainerUnderTest.Tls.of(runtime)), VariablesServer.EnvServlet.class,
                new ContainerUnderTest.Extras(null, new SslRequireFilter("%{SSL_SRP_USER} eq \"alice\""), null));
    }

    @AfterAll
    void stop() throws Exception {
        if (guarded != null) {
            guarded.close();
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(60), command);
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    private int port() {
        return server.port("srp");
    }

    /** curl's TLS-SRP login (libcurl on OpenSSL 3.0); {@code -k} because aSRP suites send no certificate to verify. */
    static ExternalTool.Result curlLogin(int port, String host, String user, String password) {
        return ExternalTool.run(Duration.ofSeconds(60), List.of("curl", "-sS", "-k", "--max-time", "40",
                "--resolve", host + ":" + port + ":127.0.0.1", "--tlsauthtype", "SRP", "--tlsuser", user, "--tlspassword", password,
                "--tlsv1.2", "--tls-max", "1.2", "-o", "/dev/null", "https://" + host + ":" + port + "/"));
    }

    /** The alert OpenSSL reports in curl's error line, e.g. {@code sslv3 alert bad record mac}; {@code none} without one. */
    static String alert(ExternalTool.Result result) {
        Matcher m = ALERT.matcher(result.stderr());
        return m.find() ? m.group(1).trim() : "none";
    }

    private Map<String, String> env(String host, String user) {
        return Curl.json("https://" + host + ":" + port() + "/", List.of("-k", "--resolve", host + ":" + port() + ":127.0.0.1",
                "--tlsauthtype", "SRP", "--tlsuser", user, "--tlspassword", PASSWORD, "--tlsv1.2", "--tls-max", "1.2"));
    }

    @Nested
    class PasswordLogin {
        @Test
        void curlLogsInWithTlsUserAndThePageShowsSslSrpUserAndItsInfo() {
            Map<String, String> env = env("srp.test", "alice");
            assertThat(env).containsEntry("SSL_SRP_USER", "alice").containsEntry("SSL_SRP_USERINFO", "Alice Liddell")
                    .containsEntry("SSL_PROTOCOL", "TLSv1.2").containsEntry("SSL_CIPHER", "SRP-AES-256-CBC-SHA")
                    .containsEntry("SSL_TLS_SNI", "srp.test");
            assertThat(env.get("SSL_VERSION_LIBRARY")).matches("BCTLS/\\d+\\.\\d+(\\.\\d+)?");
        }

        @Test
        void sslUserNameMakesTheSrpUserTheRemoteUser() {
            assertThat(env("srp.test", "alice")).containsEntry("REMOTE_USER", "alice");
            assertThat(env("mixed.test", "alice")).as("no SSLUserName on this host").doesNotContainKey("REMOTE_USER");
        }

        @Test
        void aUserOfAnotherStandardGroupLogsInToo() {
            assertThat(env("srp.test", "bob")).containsEntry("SSL_SRP_USER", "bob").doesNotContainKey("SSL_SRP_USERINFO");
        }

        @Test
        void sslRequireAdmitsOnlyTheSrpUserItNames() {
            int guardedPort = guarded.port();
            List<String> common = List.of("-k", "--resolve", "srp.test:" + guardedPort + ":127.0.0.1", "--tlsauthtype", "SRP",
                    "--tlspassword", PASSWORD, "--tlsv1.2", "--tls-max", "1.2", "-o", "/dev/null", "-w", "%{http_code}");
            List<String> alice = new java.util.ArrayList<>(List.of("curl", "-sS", "--tlsuser", "alice"));
            alice.addAll(common);
            alice.add("https://srp.test:" + guardedPort + "/");
            List<String> bob = new java.util.ArrayList<>(alice);
            bob.set(bob.indexOf("alice"), "bob");
            assertThat(ExternalTool.run(Duration.ofSeconds(60), alice).stdout()).isEqualTo("200");
            assertThat(ExternalTool.run(Duration.ofSeconds(60), bob).stdout()).isEqualTo("403");
        }
    }

    @Nested
    class FailedLogin {
        @Test
        void aWrongPasswordAndAnUnknownUserGetTheSameAlert() {
            ExternalTool.Result wrong = curlLogin(port(), "srp.test", "alice", "not the password");
            ExternalTool.Result unknown = curlLogin(port(), "srp.test", "mallory", PASSWORD);
            assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(35);
            assertThat(alert(wrong)).as(wrong.all()).isEqualTo("sslv3 alert bad record mac");
            assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(wrong.exitCode());
            assertThat(unknown.stderr()).isEqualTo(wrong.stderr());
        }

        @Test
        void theServerLogsWhyEachLoginFailed() throws Exception {
            try (LogCapture log = LogCapture.start()) {
                curlLogin(port(), "srp.test", "alice", "not the password");
                curlLogin(port(), "srp.test", "mallory", PASSWORD);
                assertThat(log.await(l -> l.contains("TLS-SRP handshake failed") && l.contains("mallory"), Duration.ofSeconds(10)))
                        .singleElement().asString().contains("srp.test", "bad_record_mac", "is not in " + verifierFile);
                assertThat(log.lines()).filteredOn(l -> l.contains("TLS-SRP handshake failed") && l.contains("'alice'"))
                        .singleElement().asString().contains("wrong password").doesNotContain(PASSWORD);
            }
        }

        @Test
        void withoutASeedAnUnknownUserGetsUnknownPskIdentityAsInModSsl() {
            ExternalTool.Result unknown = curlLogin(port(), "noseed.test", "mallory", PASSWORD);
            assertThat(alert(unknown)).as(unknown.all()).isEqualTo("tlsv1 alert unknown psk identity");
            assertThat(curlLogin(port(), "noseed.test", "alice", PASSWORD).exitCode()).isZero();
        }

        @Test
        void httpdWithModSslSendsTheSameAlertsForTheSameFileAndClients() throws Exception {
            Path httpdDir = Files.createDirectories(dir.resolve("httpd"));
            String files = "SSLCertificateFile " + leaf.writeFullChain(httpdDir, "srp.crt") + "\n"
                    + "SSLCertificateKeyFile " + leaf.writeKey(httpdDir, "srp.key") + "\n"
                    + "SSLProtocol TLSv1.2\nSSLCipherSuite \"!DSS:!aRSA:SRP\"\n"
                    + "SSLSRPVerifierFile " + verifierFile + "\n";
            try (ApacheHttpd seeded = ApacheHttpd.start(Files.createDirectories(httpdDir.resolve("seeded")),
                    files + "SSLSRPUnknownUserSeed \"" + SEED + "\"\n");
                 ApacheHttpd plain = ApacheHttpd.start(Files.createDirectories(httpdDir.resolve("plain")), files)) {
                List<String> modSsl = List.of(alert(curlLogin(seeded.port(), "localhost", "alice", "not the password")),
                        alert(curlLogin(seeded.port(), "localhost", "mallory", PASSWORD)),
                        alert(curlLogin(plain.port(), "localhost", "mallory", PASSWORD)),
                        alert(curlLogin(seeded.port(), "localhost", "alice", PASSWORD)));
                List<String> ours = List.of(alert(curlLogin(port(), "srp.test", "alice", "not the password")),
                        alert(curlLogin(port(), "srp.test", "mallory", PASSWORD)),
                        alert(curlLogin(port(), "noseed.test", "mallory", PASSWORD)),
                        alert(curlLogin(port(), "srp.test", "alice", PASSWORD)));
                assertThat(modSsl).as(seeded.errorLog()).containsExactly("sslv3 alert bad record mac", "sslv3 alert bad record mac",
                        "tlsv1 alert unknown psk identity", "none");
                assertThat(ours).isEqualTo(modSsl);
            }
        }
    }

    @Nested
    class SrpAndCertificates {
        @Test
        void aCertificateClientGetsAnEcdheSuiteAndTheCertificate() {
            SClient.Outcome outcome = SClient.handshake(port(), "mixed.test", "-tls1_2");
            assertThat(outcome.connected()).as(outcome.output()).isTrue();
            assertThat(outcome.cipher()).startsWith("ECDHE-ECDSA-AES");
            assertThat(outcome.certificate()).isEqualTo(leaf.certificate());
        }

        @Test
        void aPasswordClientOfTheSameHostLogsInWithSrp() {
            Map<String, String> env = env("mixed.test", "alice");
            assertThat(env).containsEntry("SSL_SRP_USER", "alice");
            assertThat(env.get("SSL_CIPHER")).startsWith("SRP-AES-");
        }

        @Test
        void aCertificateClientSeesNoSrpUser() {
            Map<String, String> env = Curl.json("https://mixed.test:" + port() + "/", List.of("-k", "--tlsv1.2",
                    "--resolve", "mixed.test:" + port() + ":127.0.0.1"));
            assertThat(env).doesNotContainKey("SSL_SRP_USER").containsEntry("SSL_PROTOCOL", "TLSv1.2");
            assertThat(env.get("SSL_CIPHER")).startsWith("ECDHE-ECDSA-AES");
        }

        @Test
        void aCertificateClientOfAnSrpOnlyHostFindsNoSharedCipher() {
            SClient.Outcome outcome = SClient.handshake(port(), "srp.test", "-tls1_2");
            assertThat(outcome.connected()).as(outcome.output()).isFalse();
            assertThat(outcome.output()).contains("alert handshake failure");
        }
    }
}
