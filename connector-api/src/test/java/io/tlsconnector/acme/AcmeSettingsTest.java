package io.tlsconnector.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.KeySpec;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.DnsProvider;
import io.tlsconnector.config.RenewWindow;

/** The ACME settings as described (no CA contacted): defaults, mod_md syntax, and the shape errors (issue 22). */
class AcmeSettingsTest {
    private static final URI CA = URI.create("https://ca.example.test/dir");

    @Nested
    class Renewal {
        @Test
        void theDefaultRenewsAtTwoThirdsOfTheLifetime() {
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            assertThat(RenewWindow.DEFAULT.renewAt(from, from.plus(Duration.ofDays(90)))).isEqualTo(from.plus(Duration.ofDays(60)));
        }

        @Test
        void aShareOrATimeInModMdSyntaxSetsTheWindow() {
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            Instant to = from.plus(Duration.ofDays(90));
            assertThat(RenewWindow.parse("10%").renewAt(from, to)).isEqualTo(to.minus(Duration.ofDays(9)));
            assertThat(RenewWindow.parse("30d").renewAt(from, to)).isEqualTo(to.minus(Duration.ofDays(30)));
            assertThat(RenewWindow.parse("12h").remaining()).isEqualTo(Duration.ofHours(12));
            // A window longer than the lifetime renews at once.
            assertThat(RenewWindow.parse("100d").renewAt(from, to)).isEqualTo(from);
        }

        @Test
        void aMalformedWindowNamesTheDirectiveAndTheForms() {
            assertThatThrownBy(() -> RenewWindow.parse("soon")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("MDRenewWindow 'soon' is not a share (33%) or a time (30d, 12h, 90m, 45s)");
        }
    }

    @Nested
    class Builder {
        @Test
        void defaultsAreEcdsaP256TlsAlpnThenHttpAndTheMdStore() {
            Acme acme = Acme.builder().directory(CA).agreeToTerms().contact("ops@example.test").build();
            assertThat(acme.keyType()).isEqualTo(KeySpec.ecP256());
            assertThat(acme.challenges()).containsExactly(Acme.Challenge.TLS_ALPN_01, Acme.Challenge.HTTP_01);
            assertThat(acme.storeDir()).isEqualTo(Path.of("md"));
            assertThat(acme.contacts()).containsExactly("mailto:ops@example.test");
            assertThat(acme.renewWindow()).isEqualTo(RenewWindow.DEFAULT);
        }

        @Test
        void theTermsMustBeAcceptedAndDns01NeedsAProvider() {
            assertThatThrownBy(() -> Acme.builder().directory(CA).build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("requires accepting its terms of service: call agreeToTerms()");
            assertThatThrownBy(() -> Acme.builder().directory(CA).agreeToTerms().challenges("dns-01").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("dns-01 needs a DnsProvider");
        }

        @Test
        void mdPrivateKeysChoosesRsaOnRequest() {
            assertThat(Acme.builder().privateKeys("RSA").directory(CA).agreeToTerms().build().keyType()).isEqualTo(KeySpec.rsa2048());
            assertThat(Acme.builder().privateKeys("secp384r1").directory(CA).agreeToTerms().build().keyType()).isEqualTo(KeySpec.ec("secp384r1"));
            assertThatThrownBy(() -> Acme.builder().privateKeys("DSA")).hasMessageContaining("MDPrivateKeys 'DSA' is not supported");
        }

        @Test
        void aVirtualHostGetsItsCertificateEitherFromTheCaOrFromFilesNotBoth() {
            Acme acme = Acme.builder().directory(CA).agreeToTerms().build();
            assertThat(VirtualHost.builder("www.example.test").acme(acme).build().acme()).contains(acme);
            TestPki.Issued issued = TestPki.selfSigned("www.example.test", "www.example.test");
            assertThatThrownBy(() -> VirtualHost.builder("www.example.test").acme(acme)
                    .certificate(CertificateSource.of(issued.privateKey(), issued.fullChain())).build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("gets its certificate from the ACME CA https://ca.example.test/dir but also configures");
        }
    }
}
