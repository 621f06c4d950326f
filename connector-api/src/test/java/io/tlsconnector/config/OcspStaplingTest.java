package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The stapling settings of a virtual host. */
class OcspStaplingTest {
    @Test
    void staplingIsOffUnlessAsked() {
        VirtualHost host = VirtualHost.builder("a.test").certificate(CertificateSource.pem(java.nio.file.Path.of("a.crt"),
                java.nio.file.Path.of("a.key"))).build();
        assertThat(host.ocspStapling()).isEqualTo(OcspStapling.OFF);
        assertThat(host.toBuilder().ocspStapling(OcspStapling.fromCertificate()).build().ocspStapling().enabled()).isTrue();
    }

    @Test
    void aResponderMustBeAnHttpUrl() {
        assertThatThrownBy(() -> OcspStapling.fromCertificate().withResponder(URI.create("ldap://ocsp.test/")))
                .hasMessage("OCSP responder must be an http:// URL, was ldap://ocsp.test/");
    }

    @Test
    void theTimeoutIsBounded() {
        assertThatThrownBy(() -> OcspStapling.fromCertificate().withTimeout(Duration.ofMinutes(1)))
                .hasMessage("OCSP responder timeout must be more than 0 and at most 30 s, was PT1M");
    }
}
