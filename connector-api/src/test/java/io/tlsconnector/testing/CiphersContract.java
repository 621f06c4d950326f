package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;

/**
 * OpenSSL cipher strings per virtual host on a real container: server or client order (F37), no
 * shared cipher (F29). Run once per adapter.
 */
public abstract class CiphersContract extends EngineContract {
    static final String TWO_SUITES = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";
    static final String CLIENT_PREFERS = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256";
    private TlsRuntime runtime;
    private ContainerUnderTest.Running server;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer() throws Exception {
        TestPki pki = TestPki.create();
        runtime = TlsRuntime.start(tlsConfig()
                .virtualHost(host(pki, "server-order.test").cipherSuite(TWO_SUITES)
                        .cipherSuite("TLSv1.3", "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384").honorCipherOrder(true).build())
                .virtualHost(host(pki, "client-order.test").cipherSuite(TWO_SUITES)
                        .cipherSuite("TLSv1.3", "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384").honorCipherOrder(false).build())
                .virtualHost(host(pki, "strict.test").protocols("TLSv1.2").cipherSuite("ECDHE+ECDSA+AESGCM").build())
                .build());
        server = container().start(runtime);
    }

    static VirtualHost.Builder host(TestPki pki, String name) {
        TestPki.Issued leaf = pki.issueServer(name, name);
        return VirtualHost.builder(name).certificate(CertificateSource.of(leaf.privateKey(), leaf.fullChain()));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Nested
    class HonorCipherOrder {
        @Test
        void onTheServersFirstSuiteWinsOverTls12() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "server-order.test", "-tls1_2", "-cipher", CLIENT_PREFERS);
            assertThat(outcome.cipher()).as(outcome.output()).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256");
        }

        @Test
        void offTheClientsFirstSuiteWinsOverTls12() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "client-order.test", "-tls1_2", "-cipher", CLIENT_PREFERS);
            assertThat(outcome.cipher()).as(outcome.output()).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
        }

        @Test
        void onTheServersFirstSuiteWinsOverTls13() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "server-order.test", "-tls1_3",
                    "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256");
            assertThat(outcome.cipher()).as(outcome.output()).isEqualTo("TLS_AES_128_GCM_SHA256");
        }

        @Test
        void offTheClientsFirstSuiteWinsOverTls13() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "client-order.test", "-tls1_3",
                    "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256");
            assertThat(outcome.cipher()).as(outcome.output()).isEqualTo("TLS_AES_256_GCM_SHA384");
        }
    }

    @Nested
    class NoSharedCipher {
        @Test
        void theFailureIsLoggedWithTheHostTheOfferedAndTheEnabledSuites() throws Exception {
            try (LogCapture log = LogCapture.start()) {
                SClient.Outcome outcome = SClient.handshake(server.port(), "strict.test", "-tls1_2", "-cipher", "AES256-SHA");
                assertThat(outcome.connected()).as(outcome.output()).isFalse();
                String text = log.awaitText(t -> t.contains("no cipher suite in common"), Duration.ofSeconds(10));
                assertThat(text).contains("WARN io.tlsconnector.diag.HandshakeDiagnostics - Virtual host 'strict.test': "
                                + "TLS handshake with /127.0.0.1:")
                        .contains("failed, no cipher suite in common (F29). The client offered [TLS_RSA_WITH_AES_256_CBC_SHA, "
                                + "TLS_EMPTY_RENEGOTIATION_INFO_SCSV]; the host enables [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "
                                + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256].");
            }
        }

        @Test
        void aClientSharingASuiteIsServed() {
            SClient.Outcome outcome = SClient.handshake(server.port(), "strict.test", "-tls1_2");
            assertThat(outcome.cipher()).as(outcome.output()).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
        }
    }
}
