package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.CipherString;

/** SSLCipherSuite on a virtual host: OpenSSL syntax, TLS 1.3 apart, and the insecure-suite policy (F27, F28, F37). */
class VirtualHostCiphersTest {
    static final CertificateSource NOWHERE = CertificateSource.pem(Path.of("/nonexistent/x.crt"), Path.of("/nonexistent/x.key"));

    static VirtualHost.Builder host() {
        return VirtualHost.builder("a.test").certificate(NOWHERE);
    }

    @Nested
    class OpenSslSyntax {
        @Test
        void theExpansionFollowsTheDefaultTls13Suites() {
            VirtualHost host = host().cipherSuite("ECDHE+AESGCM:!aNULL").build();
            assertThat(host.tls13CipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_AES_128_GCM_SHA256");
            assertThat(host.cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(host.cipherSpec()).hasValue("ECDHE+AESGCM:!aNULL");
        }

        @Test
        void tls13SuitesAreSetWithModSslsTwoArgumentForm() {
            VirtualHost host = host().cipherSuite("SSL", "ECDHE-ECDSA-AES128-GCM-SHA256")
                    .cipherSuite("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256").build();
            assertThat(host.cipherSuites()).containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }

        @Test
        void onlyATls13ListLeavesTls12AtOpenSslsDefault() {
            VirtualHost host = host().cipherSuite("TLSv1.3", "TLS_AES_128_GCM_SHA256").build();
            assertThat(host.cipherSuites()).startsWith("TLS_AES_128_GCM_SHA256")
                    .containsSubsequence(CipherString.parse("DEFAULT").ianaNames());
        }

        @Test
        void anonymousSuitesThatAnAliasBringsAlongAreLeftOutAsModSslDoes() {
            VirtualHost host = host().cipherSuite("HIGH").build();
            assertThat(host.cipherSuites()).isNotEmpty().noneMatch(s -> s.contains("_anon_") || s.contains("_NULL_"));
        }

        @Test
        void serverCipherOrderIsHonouredUnlessTurnedOff() {
            assertThat(host().build().honorCipherOrder()).isTrue();
            assertThat(host().honorCipherOrder(false).build().honorCipherOrder()).isFalse();
        }
    }

    @Nested
    class Problems {
        @Test
        void askingForAnonymousOrUnencryptedSuitesNamesTheRisk() {
            assertThatThrownBy(() -> host().cipherSuite("HIGH:aNULL:eNULL").build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'a.test', cipherSuite: \"HIGH:aNULL:eNULL\" asks for "
                            + "aNULL, eNULL: anonymous (aNULL) suites let anyone in the middle pose as the server, eNULL suites "
                            + "send everything unencrypted, and EXPORT suites use keys broken in minutes (F28). Fix: remove them "
                            + "from the cipher string, or call allowInsecureCiphers() on the virtual host if a client truly needs them.");
        }

        @Test
        void askingForExportSuitesNamesTheRiskToo() {
            assertThatThrownBy(() -> host().cipherSuite("EXPORT:HIGH").build())
                    .hasMessageContaining("asks for EXPORT: anonymous (aNULL) suites let anyone in the middle pose as the server");
        }

        @Test
        void allowInsecureCiphersKeepsThemInTheList() {
            VirtualHost host = host().cipherSuite("ADH-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256").allowInsecureCiphers().build();
            assertThat(host.cipherSuites()).endsWith("TLS_DH_anon_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(host.allowsInsecureCiphers()).isTrue();
        }

        @Test
        void aWordThatNamesNothingIsAnErrorThoughOpenSslWouldSkipIt() {
            assertThatThrownBy(() -> host().cipherSuite("HIGH:!aNULL:!MD55").build())
                    .hasMessage("TLS configuration problem: virtual host 'a.test', cipherSuite: 'MD55' in \"HIGH:!aNULL:!MD55\" is "
                            + "neither an OpenSSL cipher name, an IANA suite name nor an alias such as HIGH or aRSA; OpenSSL would "
                            + "skip it silently. Fix: check the spelling (names are case-sensitive, as in OpenSSL); "
                            + "`tlsctl ciphers -v ALL:COMPLEMENTOFALL` lists every suite by OpenSSL and IANA name.");
        }

        @Test
        void aSuiteOpenSsl3NoLongerOffersIsNamedAsSuch() {
            assertThatThrownBy(() -> host().cipherSuite("TLS_RSA_WITH_3DES_EDE_CBC_SHA").build())
                    .hasMessageContaining("'TLS_RSA_WITH_3DES_EDE_CBC_SHA' in \"TLS_RSA_WITH_3DES_EDE_CBC_SHA\" is not a TLS 1.2 "
                            + "cipher suite OpenSSL 3.0 offers (3DES, RC4, IDEA, SEED and static-DH suites are gone).");
        }

        @Test
        void aStringThatSelectsNothingIsRefused() {
            assertThatThrownBy(() -> host().cipherSuite("3DES:RC4").build())
                    .hasMessage("TLS configuration problem: virtual host 'a.test', cipherSuite: \"3DES:RC4\" selects no TLS 1.2 "
                            + "cipher suite (OpenSSL would say \"no cipher match\"). Fix: name suites or aliases that exist, "
                            + "e.g. \"ECDHE+AESGCM\"; `tlsctl ciphers -v 'STRING'` shows an expansion.");
        }

        @Test
        void defaultInTheMiddleOfTheStringIsExplained() {
            assertThatThrownBy(() -> host().cipherSuite("ECDHE+AESGCM:DEFAULT").build())
                    .hasMessageContaining("'DEFAULT' in \"ECDHE+AESGCM:DEFAULT\" only has a meaning at the start of the "
                            + "cipher string; elsewhere OpenSSL skips it silently.");
        }

        @Test
        void aTls12NameInTheTls13ListIsRefused() {
            assertThatThrownBy(() -> host().cipherSuite("TLSv1.3", "TLS_AES_128_GCM_SHA256:AES128-SHA").build())
                    .hasMessage("TLS configuration problem: virtual host 'a.test', cipherSuite(\"TLSv1.3\", ...): 'AES128-SHA' "
                            + "in TLS 1.3 suite list \"TLS_AES_128_GCM_SHA256:AES128-SHA\" is not a TLS 1.3 cipher suite; use "
                            + "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256, TLS_AES_128_CCM_SHA256, "
                            + "TLS_AES_128_CCM_8_SHA256. Fix: list TLS 1.3 suites by IANA name, e.g. \"TLS_AES_256_GCM_SHA384:"
                            + "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256\".");
        }

        @Test
        void aSyntaxErrorIsReportedWithThePosition() {
            assertThatThrownBy(() -> host().cipherSuite("HIGH:!").build())
                    .hasMessageContaining("cipher string \"HIGH:!\" has an unexpected end of the string at position 7");
        }

        @Test
        void anUnknownProtocolInTheTwoArgumentFormIsRefused() {
            assertThatThrownBy(() -> host().cipherSuite("TLSv1.2", "HIGH"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cipherSuite(\"TLSv1.2\", ...): the protocol must be \"SSL\" (TLS 1.2 and older) or \"TLSv1.3\", "
                            + "as in mod_ssl's SSLCipherSuite");
        }
    }
}
