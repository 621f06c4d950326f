package io.tlsconnector.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The cipher-string API beyond the plain expansion, which CipherStringOpenSslTest checks against openssl (F27). */
class CipherStringTest {

    @Nested
    class Syntax {
        @Test
        void aCharacterOpenSslCallsAnInvalidCommandIsNamedWithItsPosition() {
            assertThatThrownBy(() -> CipherString.parse("HIGH:!aNULL/MD5"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cipher string \"HIGH:!aNULL/MD5\" has an unexpected character '/' at position 12 where a "
                            + "cipher name or alias should be; write words such as HIGH or ECDHE-ECDSA-AES128-GCM-SHA256 "
                            + "separated by ':', optionally with !, - or + in front and joined with + (e.g. ECDHE+AESGCM)");
        }

        @Test
        void anUnknownAtCommandIsRefused() {
            assertThatThrownBy(() -> CipherString.parse("HIGH:@SECLEVEL=7"))
                    .hasMessage("'@SECLEVEL=7' in cipher string \"HIGH:@SECLEVEL=7\" is not a command; "
                            + "OpenSSL knows @STRENGTH and @SECLEVEL=0..5");
        }

        @Test
        void theSecurityLevelIsRecordedWithoutChangingTheList() {
            CipherString withLevel = CipherString.parse("HIGH:!aNULL:@SECLEVEL=3");
            assertThat(withLevel.securityLevel()).hasValue(3);
            assertThat(withLevel.ianaNames()).isEqualTo(CipherString.parse("HIGH:!aNULL").ianaNames());
        }

        @Test
        void wordsThatNameNothingAreSkippedAndReported() {
            CipherString parsed = CipherString.parse("ECDHE-ECDSA-AES128-GCM-SHA256:high:ECDHE-RSA-AES99");
            assertThat(parsed.ianaNames()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(parsed.unknownWords()).containsExactly("high", "ECDHE-RSA-AES99");
        }
    }

    @Nested
    class BeyondOpenSsl {
        @Test
        void ianaNamesWorkLikeTheOpenSslNamesOfTheSameSuites() {
            assertThat(CipherString.parse("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:ECDHE-ECDSA-AES128-GCM-SHA256").ianaNames())
                    .containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }

        @Test
        void tls13NamesAreCollectedApartAsOpenSslIgnoresThem() {
            CipherString parsed = CipherString.parse("TLS_AES_128_GCM_SHA256:ECDHE+AESGCM+AES128");
            assertThat(parsed.tls13Names()).containsExactly("TLS_AES_128_GCM_SHA256");
            assertThat(parsed.unknownWords()).isEmpty();
            assertThat(parsed.ianaNames()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Nested
    class Tls13Lists {
        @Test
        void keepTheirOrder() {
            assertThat(CipherString.parseTls13("TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256"))
                    .extracting(CipherSuite::ianaName).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
        }

        @Test
        void refuseATls12Name() {
            assertThatThrownBy(() -> CipherString.parseTls13("TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256"))
                    .hasMessage("'ECDHE-RSA-AES128-GCM-SHA256' in TLS 1.3 suite list \"TLS_AES_128_GCM_SHA256:"
                            + "ECDHE-RSA-AES128-GCM-SHA256\" is not a TLS 1.3 cipher suite; use TLS_AES_256_GCM_SHA384, "
                            + "TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256, TLS_AES_128_CCM_SHA256, TLS_AES_128_CCM_8_SHA256");
        }
    }

    @Nested
    class InsecureRequests {
        @Test
        void namingAnonymousOrNullOrExportSuitesIsRecorded() {
            assertThat(CipherString.parse("HIGH:aNULL:ADH-AES128-SHA:NULL-SHA:EXPORT:!eNULL").insecureRequests())
                    .containsExactly("aNULL", "ADH-AES128-SHA", "NULL-SHA", "EXPORT");
        }

        @Test
        void excludingThemIsNotARequest() {
            assertThat(CipherString.parse("HIGH:!aNULL:!eNULL:!EXP:-ADH:+AECDH").insecureRequests()).isEmpty();
        }
    }

    @Nested
    class Suites {
        @Test
        void knowTheCertificateKeyTypeTheyNeed() {
            assertThat(CipherString.suite("ECDHE-ECDSA-AES128-GCM-SHA256").orElseThrow().certificateKeyType()).isEqualTo("EC");
            assertThat(CipherString.suite("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow().certificateKeyType()).isEqualTo("RSA");
            assertThat(CipherString.suite("ADH-AES128-SHA").orElseThrow().certificateKeyType()).isNull();
        }

        @Test
        void codePointsAClientOffersAreNamed() {
            assertThat(CipherString.ianaName(0xC02B)).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(CipherString.ianaName(0x1301)).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(CipherString.ianaName(0x00FF)).isEqualTo("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
            assertThat(CipherString.ianaName(0x0A0A)).isEqualTo("0x0A0A");
        }
    }
}
