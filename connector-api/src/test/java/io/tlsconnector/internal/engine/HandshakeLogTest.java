package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.testing.LogCapture;

/** F39: handshake failures explained, and never a flood of them. */
class HandshakeLogTest {
    @Nested
    class Hints {
        @Test
        void noSharedCipher() {
            assertThat(HandshakeLog.hint("no cipher suites in common")).get().asString().startsWith("no shared cipher:");
        }

        @Test
        void unknownCa() {
            assertThat(HandshakeLog.hint("Received fatal alert: unknown_ca")).get().asString().startsWith("unknown CA:");
        }

        @Test
        void plainHttp() {
            assertThat(HandshakeLog.hint("Unsupported or unrecognized SSL message")).get().asString()
                    .isEqualTo("the client sent plain HTTP (or other non-TLS bytes) to the TLS port; it should use https://");
        }

        @Test
        void otherReasonsGetNone() {
            assertThat(HandshakeLog.hint("Connection reset")).isEmpty();
        }
    }

    @Test
    void boringSslErrorNamesReadAsJssesSentencesSoOneLogRuleFitsBothEngines() {
        assertThat(HandshakeLog.reason(new SSLHandshakeException("error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA")))
                .isEqualTo("Received fatal alert: unknown_ca");
        assertThat(HandshakeLog.reason(new SSLHandshakeException("error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE")))
                .isEqualTo("Received fatal alert: bad_certificate");
        assertThat(HandshakeLog.reason(new SSLHandshakeException("error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER")))
                .isEqualTo("no cipher suites in common");
        String noGroup = HandshakeLog.reason(new SSLHandshakeException("error:1000010a:SSL routines:OPENSSL_internal:NO_SHARED_GROUP"));
        assertThat(HandshakeLog.hint(noGroup)).get().asString().startsWith("no shared key-exchange group:");
        assertThat(HandshakeLog.reason(new SSLHandshakeException("error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")))
                .satisfies(r -> assertThat(HandshakeLog.hint(r)).get().asString().startsWith("no shared protocol version:"));
    }

    @Test
    void theInnermostCauseIsTheReason() {
        Exception failure = new IllegalStateException("wrapper", new SSLHandshakeException("Received fatal alert: unknown_ca"));
        assertThat(HandshakeLog.reason(failure)).isEqualTo("Received fatal alert: unknown_ca");
        assertThat(HandshakeLog.reason(null)).isEqualTo("connection closed during the handshake");
    }

    @Test
    void atMostTenFailuresOfOneReasonAreLoggedPerWindowWhileOtherReasonsStillAre() {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < HandshakeLog.WARNINGS_PER_WINDOW + 5; i++) {
                HandshakeLog.failed(new InetSocketAddress("127.0.0.1", 40000 + i), null, "a.test",
                        new SSLHandshakeException("flood " + HandshakeLogTest.class.getName()));
            }
            HandshakeLog.failed(new InetSocketAddress("127.0.0.1", 40100), "b.test", "b.test",
                    new SSLHandshakeException("no cipher suites in common"));
            assertThat(log.lines().stream().filter(l -> l.contains("reason=\"flood "))).hasSize(HandshakeLog.WARNINGS_PER_WINDOW)
                    .allMatch(l -> l.contains("TLS handshake failed client=127.0.0.1:") && l.contains(" sni=- vhost=a.test "));
            assertThat(log.lines().stream().filter(l -> l.contains("sni=b.test vhost=b.test reason=\"no cipher suites in common\"")))
                    .hasSize(1);
        }
    }
}
