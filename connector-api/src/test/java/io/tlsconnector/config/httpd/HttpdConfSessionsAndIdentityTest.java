package io.tlsconnector.config.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.ClientOcsp;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.diag.Doctor;
import io.tlsconnector.testing.OcspResponder;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TestSecrets;

/**
 * Issue 19 part B through the importer: SSLSessionTickets, SSLOCSP* (against a real OCSP responder),
 * SSLOpenSSLConfCmd SignatureAlgorithms, SSLUserName, and the {@code servername:port} id an {@code exec:}
 * pass-phrase program gets from the server and from the doctor (F13, F33).
 */
class HttpdConfSessionsAndIdentityTest {
    @TempDir
    static Path shared;
    static TestPki pki;
    static OcspResponder responder;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        pki = TestPki.create();
        responder = OcspResponder.start(pki);
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    private Path conf(String... hostLines) throws IOException {
        TestPki.Issued server = pki.issueServer("www.example.test", "www.example.test");
        TestPki.write(dir.resolve("server.crt"), TestPki.pem(server.fullChain().toArray()));
        server.writeKey(dir, "server");
        TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        return HttpdConfFiles.write(dir, List.of(), List.of(List.of(hostLines)));
    }

    private static VirtualHost host(Path conf) {
        return HttpdConf.read(conf).tlsConfig().virtualHosts().get(0);
    }

    /** The start-up error for {@code conf}, with the directory of the file left out. */
    private String error(Path conf) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(TlsConfigException.class, () -> HttpdConf.read(conf)).getMessage()
                .replace(dir + "/", "");
    }

    @Nested
    class SessionTickets {
        @Test
        void offIsAppliedToTheHostAndReportedAsRead() throws IOException {
            Path file = conf("www.example.test", "SSLSessionTickets off");
            HttpdConf read = HttpdConf.read(file);
            assertThat(read.tlsConfig().virtualHosts().get(0).sessionTickets()).isFalse();
            assertThat(HttpdConfFiles.report(read, Kind.READ)).contains(dir.resolve("httpd.conf") + ":6: SSLSessionTickets: READ: session"
                    + " tickets off: sessions resume by session id only.");
            assertThat(HttpdConfFiles.report(read, Kind.UNSUPPORTED)).isEmpty();
        }

        @Test
        void onIsTheDefault() throws IOException {
            assertThat(host(conf("www.example.test")).sessionTickets()).isTrue();
        }
    }

    @Nested
    class ClientCertificateOcsp {
        /** What a handshake decides with these directives, against a real responder: ClientOcspTest.ThroughTheHttpdImporter. */
        @Test
        void theDirectivesBecomeTheHostsClientOcsp() throws Exception {
            Path file = conf("www.example.test", "SSLVerifyClient require", "SSLVerifyDepth 2", "SSLCACertificateFile " + dir.resolve("root.pem"),
                    "SSLOCSPEnable leaf", "SSLOCSPDefaultResponder " + responder.url(), "SSLOCSPOverrideResponder on",
                    "SSLOCSPResponderTimeout 3");
            assertThat(host(file).clientAuth().ocsp()).isEqualTo(new ClientOcsp(RevocationCheck.Mode.LEAF, responder.url(), true,
                    Duration.ofSeconds(3), false, false));
        }

        @Test
        void onChecksTheWholeChainAndNoOcspForCertOkLetsACertificateWithoutResponderPass() throws IOException {
            assertThat(host(conf("www.example.test", "SSLOCSPEnable on")).clientAuth().ocsp().mode()).isEqualTo(RevocationCheck.Mode.CHAIN);
            assertThat(host(conf("www.example.test", "SSLOCSPEnable leaf no_ocsp_for_cert_ok")).clientAuth().ocsp().noOcspForCertOk()).isTrue();
            assertThat(host(conf("www.example.test", "SSLOCSPEnable off")).clientAuth().ocsp()).isEqualTo(ClientOcsp.OFF);
        }

        @Test
        void overrideWithoutADefaultResponderIsRefusedNamingTheVirtualHost() throws IOException {
            assertThat(error(conf("www.example.test", "SSLOCSPEnable on", "SSLOCSPOverrideResponder on")))
                    .isEqualTo("TLS configuration problem: httpd.conf:1 <VirtualHost> SSLOCSPOverrideResponder on: asks for the default"
                            + " OCSP responder, but no SSLOCSPDefaultResponder names one. Fix: add SSLOCSPDefaultResponder"
                            + " http://ocsp.example.com/, or write SSLOCSPOverrideResponder off.");
        }

        @Test
        void aWrongValueIsRefusedWithItsLine() throws IOException {
            assertThat(error(conf("www.example.test", "SSLOCSPEnable sometimes")))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLOCSPEnable: 'sometimes' is not on, leaf or off. Fix: write it as"
                            + " mod_ssl does, e.g. SSLOCSPEnable leaf (or on, off; optionally followed by no_ocsp_for_cert_ok).");
        }
    }

    @Nested
    class SignatureAlgorithms {
        @Test
        void theListBecomesTheHostsSetting() throws IOException {
            HttpdConf read = HttpdConf.read(conf("www.example.test", "SSLOpenSSLConfCmd SignatureAlgorithms ECDSA+SHA256:RSA-PSS+SHA256:ed25519"));
            assertThat(read.tlsConfig().virtualHosts().get(0).signatureAlgorithms()).containsExactly("ECDSA+SHA256", "RSA-PSS+SHA256", "ed25519");
            assertThat(HttpdConfFiles.report(read, Kind.UNSUPPORTED)).isEmpty();
        }

        @Test
        void anUnknownAlgorithmIsRefusedWithItsLine() throws IOException {
            assertThat(error(conf("www.example.test", "SSLOpenSSLConfCmd SignatureAlgorithms ECDSA+MD5")))
                    .startsWith("TLS configuration problem: httpd.conf:6 SSLOpenSSLConfCmd: SignatureAlgorithms 'ECDSA+MD5' is not a TLS"
                            + " signature algorithm; use KEY+HASH (RSA+SHA1, RSA+SHA256, RSA+SHA384, RSA+SHA512, RSA-PSS+SHA256,"
                            + " RSA-PSS+SHA384, RSA-PSS+SHA512, ECDSA+SHA1, ECDSA+SHA256, ECDSA+SHA384, ECDSA+SHA512) or a scheme name"
                            + " such as ecdsa_secp256r1_sha256. Fix: write it as mod_ssl does, e.g. SSLOpenSSLConfCmd SignatureAlgorithms"
                            + " ECDSA+SHA256:RSA-PSS+SHA256:RSA+SHA256.");
        }
    }

    @Nested
    class UserName {
        @Test
        void theVariableBecomesTheHostsSetting() throws IOException {
            assertThat(host(conf("www.example.test", "SSLUserName SSL_CLIENT_S_DN_CN")).userName()).contains("SSL_CLIENT_S_DN_CN");
        }

        @Test
        void aNameThatIsNoSslVariableIsRefused() throws IOException {
            assertThat(error(conf("www.example.test", "SSLUserName REMOTE_ADDR")))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLUserName: 'REMOTE_ADDR' is not an SSL_* variable (e.g."
                            + " SSL_CLIENT_S_DN_CN). Fix: write it as mod_ssl does, e.g. SSLUserName SSL_CLIENT_S_DN_CN.");
        }
    }

    /**
     * A helper that answers only for {@code www.example.test:18443}, as one that keeps a pass-phrase per virtual host.
     * mod_ssl's id is {@code servername:port} with the port of {@code ServerName}, else 443 (httpd 2.4 gives
     * {@code www.example.test:443} for {@code <VirtualHost *:18443>} with {@code ServerName www.example.test}, see
     * {@link #theIdsAreTheOnesHttpdGivesTheProgram}); the server and the doctor ask with the same id.
     */
    @Nested
    class ExecPassPhraseId {
        private static final String PASS = TestSecrets.passPhrase("exec-vhost-port");

        private Path confWith(String serverName) throws IOException {
            TestPki.Issued server = pki.issueServer("www.example.test", "www.example.test");
            TestPki.write(dir.resolve("server.crt"), TestPki.pem(server.fullChain().toArray()));
            TestSecrets.writeEncryptedKey(server.privateKey(), dir.resolve("server.key"), PASS);
            Path helper = dir.resolve("pass-helper.sh");
            Files.writeString(helper, "#!/bin/sh\necho \"$1 $2\" >> " + dir.resolve("asked") + "\n"
                    + "[ \"$1\" = \"www.example.test:18443\" ] && echo '" + PASS + "'\nexit 0\n");
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
            Path file = dir.resolve("httpd.conf");
            Files.writeString(file, String.join("\n", "Listen 18443", "SSLPassPhraseDialog exec:" + helper,
                    "<VirtualHost *:18443>", "ServerName " + serverName, "SSLEngine on",
                    "SSLCertificateFile " + dir.resolve("server.crt"), "SSLCertificateKeyFile " + dir.resolve("server.key"),
                    "</VirtualHost>") + "\n");
            return file;
        }

        @Test
        void withServerNameAndPortTheServerAndTheDoctorAskForThatId() throws Exception {
            HttpdConf read = HttpdConf.read(confWith("www.example.test:18443"));
            assertThat(read.tlsConfig().virtualHosts().get(0).port()).isEqualTo(18443);
            try (TlsRuntime runtime = TlsRuntime.start(read.tlsConfig())) {
                assertThat(runtime.hosts()).hasSize(1);
            }
            assertThat(HttpdConfDoctor.check(read, null)).isEmpty();
            assertThat(Files.readAllLines(dir.resolve("asked"))).containsOnly("www.example.test:18443 RSA");
        }

        @Test
        void withoutAPortInServerNameTheIdSays443AndTheDoctorRefusesAsTheServerDoes() throws Exception {
            HttpdConf read = HttpdConf.read(confWith("www.example.test"));
            assertThatThrownBy(() -> TlsRuntime.start(read.tlsConfig()).close()).isInstanceOf(TlsConfigException.class);
            List<TlsConfigException.Problem> problems = HttpdConfDoctor.check(read, null);
            assertThat(Doctor.refusesToStart(problems)).isTrue();
            assertThat(problems.get(0).toString()).contains(dir.resolve("server.key").toString()).doesNotContain(PASS);
            assertThat(Files.readAllLines(dir.resolve("asked"))).containsOnly("www.example.test:443 RSA");
        }
    }

    /** The same configuration started by a real httpd and by us: the exec: program is asked with the same ids. */
    @Test
    void theIdsAreTheOnesHttpdGivesTheProgram() throws Exception {
        Path httpd = io.tlsconnector.testing.ExternalTool.require("apache2");
        Path setsid = io.tlsconnector.testing.ExternalTool.require("setsid");
        String passA = TestSecrets.passPhrase("exec-id-a");
        String passB = TestSecrets.passPhrase("exec-id-b");
        TestPki.Issued a = pki.issueServer("www.example.test", "www.example.test");
        TestPki.Issued b = pki.issueServer("other.example.test", "other.example.test");
        TestPki.write(dir.resolve("a.crt"), TestPki.pem(a.fullChain().toArray()));
        TestPki.write(dir.resolve("b.crt"), TestPki.pem(b.fullChain().toArray()));
        TestSecrets.writeEncryptedKey(a.privateKey(), dir.resolve("a.key"), passA);
        TestSecrets.writeEncryptedKey(b.privateKey(), dir.resolve("b.key"), passB);
        Path asked = dir.resolve("asked");
        Path helper = dir.resolve("helper.sh");
        Files.writeString(helper, "#!/bin/sh\necho \"$1 $2\" >> " + asked + "\ncase \"$1\" in other*) echo '" + passB + "';;"
                + " *) echo '" + passA + "';; esac\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        int portA = freePort();
        int portB = freePort();
        String modules = "/usr/lib/apache2/modules";
        Path conf = dir.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n", "ServerRoot /etc/apache2", "DefaultRuntimeDir " + dir, "PidFile " + dir.resolve("httpd.pid"),
                "ErrorLog " + dir.resolve("error.log"), "ServerName localhost",
                "LoadModule mpm_prefork_module " + modules + "/mod_mpm_prefork.so",
                "LoadModule authz_core_module " + modules + "/mod_authz_core.so",
                "LoadModule socache_shmcb_module " + modules + "/mod_socache_shmcb.so",
                "LoadModule ssl_module " + modules + "/mod_ssl.so",
                "Listen 127.0.0.1:" + portA, "Listen 127.0.0.1:" + portB, "SSLPassPhraseDialog exec:" + helper,
                "<VirtualHost 127.0.0.1:" + portA + ">", "ServerName www.example.test", "SSLEngine on",
                "SSLCertificateFile " + dir.resolve("a.crt"), "SSLCertificateKeyFile " + dir.resolve("a.key"), "</VirtualHost>",
                "<VirtualHost 127.0.0.1:" + portB + ">", "ServerName other.example.test:9443", "SSLEngine on",
                "SSLCertificateFile " + dir.resolve("b.crt"), "SSLCertificateKeyFile " + dir.resolve("b.key"), "</VirtualHost>") + "\n");
        Process process = new ProcessBuilder(setsid.toString(), httpd.toString(), "-f", conf.toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("httpd.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && (!Files.exists(asked) || Files.readAllLines(asked).size() < 2)) {
                Thread.sleep(100);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        List<String> httpdAsked = Files.readAllLines(asked);
        assertThat(httpdAsked).as(Files.readString(dir.resolve("httpd.out"))).containsExactlyInAnyOrder(
                "www.example.test:443 RSA", "other.example.test:9443 RSA");
        Files.delete(asked);
        for (HttpdConf.Listener listener : HttpdConf.read(conf).listeners()) {
            try (TlsRuntime runtime = TlsRuntime.start(listener.config())) {
                assertThat(runtime.hosts()).hasSize(1);
            }
        }
        assertThat(Files.readAllLines(asked)).containsExactlyInAnyOrderElementsOf(httpdAsked);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
