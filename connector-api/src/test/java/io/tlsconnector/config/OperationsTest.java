package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;


/** The run-time options of a configuration: strict SNI, HSTS, quirks, file watching. */
class OperationsTest {
    private static final VirtualHost HOST = VirtualHost.builder("a.test")
            .certificate(CertificateSource.pem(Path.of("a.crt"), Path.of("a.key"))).build();

    @Test
    void everythingIsOffByDefault() {
        TlsConfig.Operations operations = TlsConfig.builder().virtualHost(HOST).build().operations();
        assertThat(operations.strictSniVHostCheck()).isFalse();
        assertThat(operations.hsts()).isEqualTo(Hsts.NONE);
        assertThat(operations.clientQuirks()).isSameAs(ClientQuirks.NONE);
        assertThat(operations.watchDebounce()).isNull();
    }

    @Test
    void toBuilderKeepsTheOptions() {
        TlsConfig config = TlsConfig.builder().virtualHost(HOST).strictSniVHostCheck(true)
                .hsts(Hsts.maxAge(Duration.ofDays(1))).clientQuirks(ClientQuirks.NONE.and("MSIE", ClientQuirk.NOKEEPALIVE))
                .watchFiles(Duration.ofMillis(250)).build();
        assertThat(config.toBuilder().build().operations()).isEqualTo(config.operations());
    }

    @Test
    void theDebounceIsBounded() {
        assertThatThrownBy(() -> TlsConfig.builder().watchFiles(Duration.ofMinutes(1)))
                .hasMessage("watchFiles debounce must be between 0 and 10 s, was PT1M");
    }
}
