package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.TestPki;

/** A handshake that fails for lack of a shared cipher is explained in the log, rate-limited (F29). */
class HandshakeDiagnosticsTest {
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    static TlsRuntime runtime;
    static LoadedHost host;

    @BeforeAll
    static void start() {
        TestPki.Issued leaf = TestPki.create().issueServer("ciphers.test", "ciphers.test");
        runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(VirtualHost.builder("ciphers.test")
                .certificate(CertificateSource.of(leaf.privateKey(), leaf.fullChain()))
                .protocols("TLSv1.2").cipherSuite("ECDHE-ECDSA-AES128-GCM-SHA256").build()).build());
        host = runtime.defaultHost();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static ClientHello offering(Integer... suites) {
        return new ClientHello(0x0303, "ciphers.test", List.of(), List.of(suites), List.of(), List.of());
    }

    @Nested
    class Explanation {
        @Test
        void namesTheHostTheClientsSuitesAndTheHostsSuites() {
            assertThat(HandshakeDiagnostics.noSharedCipher(host, offering(0x0035, 0x00FF), PEER)).hasValue(
                    "Virtual host 'ciphers.test': TLS handshake with " + PEER + " failed, no cipher suite in common (F29). "
                            + "The client offered [TLS_RSA_WITH_AES_256_CBC_SHA, TLS_EMPTY_RENEGOTIATION_INFO_SCSV]; the host "
                            + "enables [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]. If such clients must be served, widen the "
                            + "host's cipherSuite(...) or add a certificate of the key type their suites need.");
        }

        @Test
        void isEmptyWhenTheyShareASuiteAndTheFailureHasAnotherCause() {
            assertThat(HandshakeDiagnostics.noSharedCipher(host, offering(0x0035, 0xC02B), PEER)).isEmpty();
        }

        @Test
        void isEmptyWhenTheHelloCouldNotBeRead() {
            assertThat(HandshakeDiagnostics.noSharedCipher(host, null, PEER)).isEmpty();
        }
    }

    @Nested
    class RateLimit {
        @Test
        void logsOncePerIntervalAndCountsWhatItLeftOut() throws Exception {
            AtomicLong now = new AtomicLong();
            HandshakeDiagnostics diagnostics = new HandshakeDiagnostics(Duration.ofSeconds(60), now::get);
            SSLHandshakeException failure = new SSLHandshakeException("no cipher suites in common");
            try (LogCapture log = LogCapture.start()) {
                assertThat(diagnostics.handshakeFailed(host, offering(0x0035), PEER, failure)).isTrue();
                now.addAndGet(Duration.ofSeconds(10).toNanos());
                assertThat(diagnostics.handshakeFailed(host, offering(0x0035), PEER, failure)).isFalse();
                assertThat(diagnostics.handshakeFailed(host, offering(0x0035), PEER, failure)).isFalse();
                now.addAndGet(Duration.ofSeconds(60).toNanos());
                assertThat(diagnostics.handshakeFailed(host, offering(0x0035), PEER, failure)).isTrue();
                assertThat(log.text()).contains("WARN io.tlsconnector.diag.HandshakeDiagnostics - Virtual host 'ciphers.test': "
                                + "TLS handshake with " + PEER + " failed, no cipher suite in common (F29).")
                        .contains("(2 more such failures on this host since the last report were not logged)");
            }
        }
    }
}
