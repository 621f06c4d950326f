package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.TlsConfigException;

/** TlsRuntime.start does the I/O and reports every problem of every virtual host at once (F9). */
class TlsRuntimeTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued www;
    static TestPki.Issued api;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        www = pki.issueServer("www.example.test", "www.example.test");
        api = pki.issueServer("api.example.test", "api.example.test");
    }

    static CertificateSource inMemory(TestPki.Issued issued) {
        return CertificateSource.of(issued.privateKey(), issued.fullChain());
    }

    @Nested
    class Routing {
        @Test
        void eachVirtualHostGetsItsOwnContextWithItsOwnProtocols() {
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("www.example.test").aliases("*.static.example.test")
                            .certificate(inMemory(www)).build())
                    .virtualHost(VirtualHost.builder("api.example.test").protocols("TLSv1.3")
                            .certificate(inMemory(api)).build())
                    .build())) {
                LoadedHost apiHost = runtime.hostFor("API.example.test.");
                assertThat(apiHost.serverName()).isEqualTo("api.example.test");
                assertThat(apiHost.sslContext()).isNotSameAs(runtime.hostFor("www.example.test").sslContext());
                SSLEngine engine = apiHost.newEngine("127.0.0.1", 1234);
                assertThat(engine.getUseClientMode()).isFalse();
                // BoringSSL's engine lists the SSLv2Hello pseudo-protocol as always enabled; it negotiates no SSLv2.
                assertThat(engine.getEnabledProtocols()).filteredOn(p -> !p.equals("SSLv2Hello")).containsExactly("TLSv1.3");
                LoadedHost.release(engine);
                assertThat(runtime.hostFor("img.static.example.test").serverName()).isEqualTo("www.example.test");
                assertThat(runtime.hostFor(null)).isSameAs(runtime.defaultHost());
                assertThat(runtime.hostFor("unknown.test")).isSameAs(runtime.defaultHost());
            }
        }

        @Test
        void cipherSuitesAreEnabledInTheConfiguredOrder() {
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("www.example.test").certificate(inMemory(www))
                            .cipherSuite("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                            .build())
                    .build())) {
                assertThat(runtime.defaultHost().newEngine(null, -1).getEnabledCipherSuites()).containsExactly(
                        "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            }
        }
    }

    @Nested
    class Problems {
        @Test
        void problemsOfSeveralVirtualHostsAreListedTogether() {
            Path missingCert = dir.resolve("nope.crt");
            Path missingKey = dir.resolve("nope.key");
            TlsConfig config = TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("www.example.test")
                            .certificate(CertificateSource.pem(missingCert, missingKey)).build())
                    .virtualHost(VirtualHost.builder("api.example.test").certificate(inMemory(api))
                            .cipherSuite("ECDHE-ECDSA-ARIA128-GCM-SHA256").protocols("TLSv1.2").build())
                    .build();
            assertThatThrownBy(() -> TlsRuntime.start(config))
                    .isInstanceOfSatisfying(TlsConfigException.class, e -> {
                        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
                        assertThat(e.problems()).extracting(TlsConfigException.Problem::virtualHost)
                                .contains("www.example.test", "api.example.test");
                    })
                    .hasMessageContaining(missingCert.toString())
                    .hasMessageContaining(missingKey.toString())
                    .hasMessageContaining("none of the suites it enables for [TLSv1.2] [TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256] "
                            + "is implemented by the TLS provider SunJSSE");
        }

        @Test
        void twoCertificatesOfOneKeyTypeOnAHostAreRefused() {
            TestPki.Issued second = pki.issueServer("www.example.test", "www.example.test");
            TlsConfig config = TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("www.example.test").certificate(inMemory(www)).certificate(inMemory(second)).build())
                    .build();
            assertThatThrownBy(() -> TlsRuntime.start(config))
                    .hasMessageContaining("is a second EC certificate on this host")
                    .hasMessageContaining("keep one certificate per key type");
        }
    }
}
