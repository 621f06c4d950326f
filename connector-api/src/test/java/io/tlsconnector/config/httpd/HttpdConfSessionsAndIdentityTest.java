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
import io.tlsconnector.TlsRuntime;
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
     * A helper that answers only for {@code www.example.test:18443}, as one that keeps a pass-phrase per virtual host:
     * mod_ssl gives it the virtual host's own port, and so do the server and the doctor.
     */
    @Nested
    class ExecPassPhraseId {
        private static final String PASS = TestSecrets.passPhrase("exec-vhost-port");

        private Path confOnPort(int port) throws IOException {
            TestPki.Issued server = pki.issueServer("www.example.test", "www.example.test");
            TestPki.write(dir.resolve("server.crt"), TestPki.pem(server.fullChain().toArray()));
            TestSecrets.writeEncryptedKey(server.privateKey(), dir.resolve("server.key"), PASS);
            Path helper = dir.resolve("pass-helper.sh");
            Files.writeString(helper, "#!/bin/sh\necho \"$1 $2\" >> " + dir.resolve("asked") + "\n"
                    + "[ \"$1\" = \"www.example.test:18443\" ] && echo '" + PASS + "'\nexit 0\n");
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
            Path file = dir.resolve("httpd.conf");
            Files.writeString(file, String.join("\n", "Listen " + port, "SSLPassPhraseDialog exec:" + helper,
                    "<VirtualHost *:" + port + ">", "ServerName www.example.test", "SSLEngine on",
                    "SSLCertificateFile " + dir.resolve("server.crt"), "SSLCertificateKeyFile " + dir.resolve("server.key"),
                    "</VirtualHost>") + "\n");
            return file;
        }

        @Test
        void theServerAndTheDoctorAskForServernameWithTheVirtualHostsPort() throws Exception {
            HttpdConf read = HttpdConf.read(confOnPort(18443));
            assertThat(read.tlsConfig().virtualHosts().get(0).port()).isEqualTo(18443);
            try (TlsRuntime runtime = TlsRuntime.start(read.tlsConfig())) {
                assertThat(runtime.hosts()).hasSize(1);
            }
            assertThat(HttpdConfDoctor.check(read, null)).isEmpty();
            assertThat(Files.readAllLines(dir.resolve("asked"))).containsOnly("www.example.test:18443 RSA");
        }

        @Test
        void onAnotherPortTheHelperGivesNothingAndTheDoctorRefusesAsTheServerDoes() throws Exception {
            HttpdConf read = HttpdConf.read(confOnPort(18444));
            assertThatThrownBy(() -> TlsRuntime.start(read.tlsConfig()).close()).isInstanceOf(TlsConfigException.class);
            List<TlsConfigException.Problem> problems = HttpdConfDoctor.check(read, null);
            assertThat(Doctor.refusesToStart(problems)).isTrue();
            assertThat(problems.get(0).toString()).contains(dir.resolve("server.key").toString()).doesNotContain(PASS);
            assertThat(Files.readAllLines(dir.resolve("asked"))).containsOnly("www.example.test:18444 RSA");
        }
    }
}
