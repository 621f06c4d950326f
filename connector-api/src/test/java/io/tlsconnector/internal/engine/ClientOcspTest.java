package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.ClientOcsp;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.OcspResponder;
import io.tlsconnector.testing.TestPki;

/** OCSP checks of client certificates (mod_ssl SSLOCSPEnable) against a real responder on 127.0.0.1. */
class ClientOcspTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static OcspResponder responder;
    static TestPki.Issued server;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create();
        responder = OcspResponder.start(pki);
        server = pki.issueServer("www.example.test", "www.example.test");
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    /** The handshake's decision for {@code client} on a host with {@code ocsp}: "accepted" or the refusal. */
    private static String handshakeDecision(ClientOcsp ocsp, TestPki.Issued client) throws Exception {
        VirtualHost host = VirtualHost.builder("www.example.test").certificate(CertificateSource.of(server.privateKey(), server.fullChain()))
                .verifyClient(VerifyClient.REQUIRE).verifyDepth(2)
                .caCertificateFile(TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate())))
                .clientAuth(ClientAuth.DEFAULT.withVerifyDepth(2).withOcsp(ocsp)).build();
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host).build())) {
            runtime.defaultHost().clientVerifier().trustManager()
                    .checkClientTrusted(client.fullChain().subList(0, 2).toArray(X509Certificate[]::new), "EC");
            return "accepted";
        } catch (CertificateException e) {
            return e.getMessage();
        }
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
    }

    @Nested
    class ResponderFromTheCertificate {
        @Test
        void aGoodCertificateIsAccepted() throws Exception {
            TestPki.Issued client = pki.issueServerWithOcsp(responder.url().toString(), "Good Client");
            int before = responder.requests();
            assertThat(handshakeDecision(ClientOcsp.leaf(), client)).isEqualTo("accepted");
            assertThat(responder.requests()).isEqualTo(before + 1);
        }

        @Test
        void aRevokedCertificateIsRefusedAsRevoked() throws Exception {
            TestPki.Issued client = pki.issueServerWithOcsp(responder.url().toString(), "Revoked Client");
            responder.revoke(client.certificate());
            assertThat(handshakeDecision(ClientOcsp.leaf(), client))
                    .isEqualTo("client certificate verification failed: certificate revoked");
        }

        @Test
        void aCertificateWithoutAResponderFailsUnlessNoOcspForCertOk() throws Exception {
            TestPki.Issued client = pki.issueServer("No AIA Client");
            assertThat(handshakeDecision(ClientOcsp.leaf(), client))
                    .isEqualTo("client certificate verification failed: application verification failure");
            assertThat(handshakeDecision(new ClientOcsp(RevocationCheck.Mode.LEAF, null, false, Duration.ofSeconds(2), false, true), client))
                    .isEqualTo("accepted");
        }
    }

    @Nested
    class ConfiguredResponder {
        @Test
        void theDefaultResponderAnswersForCertificatesWithoutAia() throws Exception {
            TestPki.Issued client = pki.issueServer("Default Responder Client");
            assertThat(handshakeDecision(new ClientOcsp(RevocationCheck.Mode.LEAF, responder.url(), false, Duration.ofSeconds(2), false,
                    false), client)).isEqualTo("accepted");
        }

        @Test
        void anUnreachableResponderFailsClosedOrOpenAsConfigured() throws Exception {
            TestPki.Issued client = pki.issueServer("Unreachable Client");
            URI nobody = closedPort();
            assertThat(handshakeDecision(new ClientOcsp(RevocationCheck.Mode.CHAIN, nobody, true, Duration.ofSeconds(2), false, false), client))
                    .isEqualTo("client certificate verification failed: application verification failure");
            assertThat(handshakeDecision(new ClientOcsp(RevocationCheck.Mode.CHAIN, nobody, true, Duration.ofSeconds(2), true, false), client))
                    .isEqualTo("accepted");
        }
    }

    /** SSLOCSPEnable, SSLOCSPDefaultResponder, SSLOCSPOverrideResponder and SSLOCSPResponderTimeout read from an httpd.conf. */
    @Nested
    class ThroughTheHttpdImporter {
        @Test
        void theDefaultResponderIsAskedAndARevokedCertificateIsRefused() throws Exception {
            TestPki.write(dir.resolve("server.crt"), TestPki.pem(server.fullChain().toArray()));
            server.writeKey(dir, "server");
            Path conf = dir.resolve("httpd.conf");
            java.nio.file.Files.writeString(conf, String.join("\n", "<VirtualHost *:443>", "ServerName www.example.test", "SSLEngine on",
                    "SSLCertificateFile " + dir.resolve("server.crt"), "SSLCertificateKeyFile " + dir.resolve("server.key"),
                    "SSLVerifyClient require", "SSLVerifyDepth 2",
                    "SSLCACertificateFile " + TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate())),
                    "SSLOCSPEnable leaf", "SSLOCSPDefaultResponder " + responder.url(), "SSLOCSPOverrideResponder on",
                    "SSLOCSPResponderTimeout 3", "</VirtualHost>") + "\n");
            // Certificates that name another responder in their AIA: the override sends the question to the default one.
            TestPki.Issued good = pki.issueServerWithOcsp(closedPort().toString(), "Imported Good Client");
            TestPki.Issued revoked = pki.issueServerWithOcsp(closedPort().toString(), "Imported Revoked Client");
            responder.revoke(revoked.certificate());
            try (TlsRuntime runtime = TlsRuntime.start(io.tlsconnector.config.httpd.HttpdConf.read(conf).tlsConfig())) {
                int before = responder.requests();
                assertThat(decision(runtime, good)).isEqualTo("accepted");
                assertThat(responder.requests()).isEqualTo(before + 1);
                assertThat(decision(runtime, revoked)).isEqualTo("client certificate verification failed: certificate revoked");
            }
        }

        private static String decision(TlsRuntime runtime, TestPki.Issued client) {
            try {
                runtime.defaultHost().clientVerifier().trustManager()
                        .checkClientTrusted(client.fullChain().subList(0, 2).toArray(X509Certificate[]::new), "EC");
                return "accepted";
            } catch (CertificateException e) {
                return e.getMessage();
            }
        }
    }

    @Test
    void overridingWithoutADefaultResponderIsRefused() {
        assertThatThrownBy(() -> new ClientOcsp(RevocationCheck.Mode.LEAF, null, true, Duration.ofSeconds(1), false, false))
                .hasMessage("SSLOCSPOverrideResponder needs SSLOCSPDefaultResponder: give the responder URL");
    }
}
