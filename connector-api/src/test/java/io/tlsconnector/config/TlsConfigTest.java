package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.TestSecrets;

/** build() checks the shape of a configuration and opens nothing (F9). */
class TlsConfigTest {
    static final CertificateSource NOWHERE = CertificateSource.pem(Path.of("/nonexistent/x.crt"), Path.of("/nonexistent/x.key"));

    static VirtualHost host(String name, String... aliases) {
        return VirtualHost.builder(name).aliases(aliases).certificate(NOWHERE).build();
    }

    @Nested
    class Shape {
        @Test
        void buildOpensNoFile() {
            TlsConfig config = TlsConfig.builder().virtualHost(host("www.example.test")).build();
            assertThat(config.virtualHosts()).hasSize(1);
        }

        @Test
        void theFirstVirtualHostIsTheDefaultUnlessOneIsNamed() {
            TlsConfig config = TlsConfig.builder().virtualHost(host("a.test")).virtualHost(host("b.test")).build();
            assertThat(config.defaultVirtualHost().serverName()).isEqualTo("a.test");
            TlsConfig named = config.toBuilder().defaultVirtualHost("B.test.").build();
            assertThat(named.defaultVirtualHost().serverName()).isEqualTo("b.test");
        }

        @Test
        void namesAreLowerCasedAndLoseTheirTrailingDot() {
            VirtualHost host = host("WWW.Example.TEST.", "Example.Test");
            assertThat(host.names()).containsExactly("www.example.test", "example.test");
        }

        @Test
        void protocolsDefaultToTls12AndTls13() {
            assertThat(host("a.test").protocols().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        }

        @Test
        void cipherSuitesAcceptColonsCommasAndSpaces() {
            VirtualHost host = VirtualHost.builder("a.test").certificate(NOWHERE)
                    .cipherSuite("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256").build();
            assertThat(host.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                    "TLS_CHACHA20_POLY1305_SHA256");
        }
    }

    @Nested
    class Problems {
        @Test
        void aNameOnTwoVirtualHostsIsRefusedNamingBoth() {
            assertThatThrownBy(() -> TlsConfig.builder()
                    .virtualHost(host("a.test", "shared.test"))
                    .virtualHost(host("b.test", "shared.test"))
                    .build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("server name 'shared.test'")
                    .hasMessageContaining("more than one virtual host ('a.test', 'b.test')")
                    .hasMessageContaining("keep the name (or alias) on one virtual host only");
        }

        @Test
        void namesDifferingOnlyInCaseAreDuplicates() {
            assertThatThrownBy(() -> TlsConfig.builder().virtualHost(host("a.test")).virtualHost(host("A.TEST")).build())
                    .hasMessageContaining("server name 'a.test'");
        }

        @Test
        void aDefaultThatIsNoVirtualHostIsRefused() {
            assertThatThrownBy(() -> TlsConfig.builder().virtualHost(host("a.test")).defaultVirtualHost("b.test").build())
                    .hasMessageContaining("defaultVirtualHost")
                    .hasMessageContaining("'b.test'")
                    .hasMessageContaining("[a.test]");
        }

        @Test
        void aConfigurationWithoutVirtualHostsIsRefused() {
            assertThatThrownBy(() -> TlsConfig.builder().build())
                    .hasMessageContaining("has no virtual host");
        }

        @Test
        void everyShapeProblemOfAHostIsListedAtOnce() {
            assertThatThrownBy(() -> VirtualHost.builder("bad_name!").protocols("TLSv9").build())
                    .isInstanceOfSatisfying(TlsConfigException.class, e -> assertThat(e.problems()).hasSize(3))
                    .hasMessageContaining("'bad_name!'")
                    .hasMessageContaining("no certificate is configured")
                    .hasMessageContaining("'TLSv9'");
        }
    }

    @Nested
    class Secrets {
        @Test
        void aFixedPassPhraseNeverShowsInToString() {
            String secret = TestSecrets.passPhrase("config");
            TlsConfig config = TlsConfig.builder()
                    .passPhraseProvider(PassPhraseProvider.fixed(secret.toCharArray()))
                    .virtualHost(host("a.test")).build();
            assertThat(config.toString()).doesNotContain(secret).contains("PassPhraseProvider.fixed(****)");
        }

        @Test
        void theFixedProviderHandsOutCopiesTheCallerMayWipe() throws Exception {
            String secret = TestSecrets.passPhrase("config-copy");
            char[] mine = secret.toCharArray();
            PassPhraseProvider provider = PassPhraseProvider.fixed(mine);
            PassPhraseProvider.wipe(mine);
            char[] first = provider.passPhrase(new io.tlsconnector.passphrase.PassPhraseRequest("a.test", Path.of("k"), "RSA", 1));
            PassPhraseProvider.wipe(first);
            assertThat(provider.passPhrase(new io.tlsconnector.passphrase.PassPhraseRequest("a.test", Path.of("k"), "RSA", 1)))
                    .isEqualTo(secret.toCharArray());
        }
    }
}
