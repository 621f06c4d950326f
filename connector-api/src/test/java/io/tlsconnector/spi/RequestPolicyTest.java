package io.tlsconnector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.config.ClientQuirks;
import io.tlsconnector.config.Hsts;

/** F31, F5, F34: what the adapters are told to do with a request. */
class RequestPolicyTest {
    private static final TestPki PKI = TestPki.create();
    private TlsRuntime runtime;

    private TlsRuntime start(TlsConfig.Builder builder) {
        TestPki.Issued a = PKI.issueServer("a.test", "a.test");
        TestPki.Issued b = PKI.issueServer("b.test", "b.test");
        runtime = TlsRuntime.start(builder
                .virtualHost(VirtualHost.builder("a.test").certificate(CertificateSource.of(a.privateKey(), a.fullChain())).build())
                .virtualHost(VirtualHost.builder("b.test").aliases("*.b.test")
                        .certificate(CertificateSource.of(b.privateKey(), b.fullChain())).build())
                .build());
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Nested
    class StrictSni {
        @Test
        void aHostHeaderForAnotherVirtualHostIsMisdirected() {
            TlsRuntime tls = start(TlsConfig.builder().strictSniVHostCheck(true));
            RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "b.test:8443", null, false);
            assertThat(decision.status()).isEqualTo(421);
            assertThat(decision.reason()).isEqualTo("Hostname a.test provided via SNI and hostname b.test provided via HTTP select"
                    + " different virtual hosts ('a.test' and 'b.test'); open a new connection for b.test");
        }

        @Test
        void aliasesAndWildcardsOfTheSameHostPass() {
            TlsRuntime tls = start(TlsConfig.builder().strictSniVHostCheck(true));
            assertThat(RequestPolicy.decide(tls, tls.hostFor("www.b.test"), "www.b.test", "B.test", null, false).refused()).isFalse();
        }

        @Test
        void noSniForANonDefaultHostIsForbiddenAsInModSsl() {
            TlsRuntime tls = start(TlsConfig.builder().strictSniVHostCheck(true));
            RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.defaultHost(), null, "b.test", null, false);
            assertThat(decision.status()).isEqualTo(403);
            assertThat(decision.reason()).isEqualTo("No hostname was provided via SNI for a name based virtual host: the request for"
                    + " b.test needs a client that sends SNI (strictSniVHostCheck is on)");
            assertThat(RequestPolicy.decide(tls, tls.defaultHost(), null, "a.test", null, false).refused()).isFalse();
        }

        @Test
        void sniWithoutAHostHeaderIsABadRequestAsInModSsl() {
            TlsRuntime tls = start(TlsConfig.builder().strictSniVHostCheck(true));
            RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", null, null, false);
            assertThat(decision.status()).isEqualTo(400);
            assertThat(decision.reason()).isEqualTo("Hostname a.test provided via SNI, but no hostname provided in the HTTP request");
        }

        @Test
        void withoutTheOptionMismatchesPass() {
            TlsRuntime tls = start(TlsConfig.builder());
            assertThat(RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "b.test", null, false).refused()).isFalse();
        }
    }

    /** Without strict SNI, mod_ssl's compatibility check (AH02032): a request crosses only into a host with the same TLS setup. */
    @Nested
    class CrossingIntoAnotherHost {
        private TlsRuntime twoHosts(VirtualHost.Builder b) {
            TestPki.Issued a = PKI.issueServer("a.test", "a.test");
            TestPki.Issued bCert = PKI.issueServer("b.test", "b.test");
            runtime = TlsRuntime.start(TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("a.test").protocols("TLSv1.3").certificate(CertificateSource.of(a.privateKey(), a.fullChain())).build())
                    .virtualHost(b.certificate(CertificateSource.of(bCert.privateKey(), bCert.fullChain())).build())
                    .build());
            return runtime;
        }

        @Test
        void aHostWithOtherProtocolsIsMisdirectedNamingBothAndTheDifference() {
            TlsRuntime tls = twoHosts(VirtualHost.builder("b.test").protocols("TLSv1.2"));
            RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "b.test", null, false, "client");
            assertThat(decision.status()).isEqualTo(421);
            assertThat(decision.reason()).startsWith("Hostname a.test provided via SNI and hostname b.test provided via HTTP have no"
                    + " compatible TLS setup: virtual hosts 'a.test' and 'b.test' differ in protocols [TLSv1.3] vs [TLSv1.2]")
                    .endsWith("; open a new connection for b.test");
        }

        @Test
        void aHostThatDemandsClientCertificatesCannotBeReachedThroughOneThatDoesNot() throws Exception {
            java.nio.file.Path ca = TestPki.write(java.nio.file.Files.createTempDirectory("ca").resolve("ca.pem"), TestPki.pem(PKI.rootCertificate()));
            TlsRuntime tls = twoHosts(VirtualHost.builder("b.test").protocols("TLSv1.3")
                    .verifyClient(io.tlsconnector.config.VerifyClient.REQUIRE).caCertificateFile(ca));
            RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "b.test", null, false, "client");
            assertThat(decision.status()).isEqualTo(421);
            assertThat(decision.reason()).contains("verifyClient NONE vs REQUIRE").contains("client CA certificates");
        }

        @Test
        void hostsWithTheSameTlsSetupShareConnectionsAsHttp2CoalescingNeeds() {
            TlsRuntime tls = twoHosts(VirtualHost.builder("b.test").protocols("TLSv1.3"));
            assertThat(RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "b.test", null, true, "client").refused()).isFalse();
        }

        @Test
        void aHostNameMatchingNoHostIsTheDefaultHostsRequest() {
            TlsRuntime tls = twoHosts(VirtualHost.builder("b.test").protocols("TLSv1.2"));
            assertThat(RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "nobody.test", null, false, "client").refused())
                    .as("a.test is the default host").isFalse();
            assertThat(RequestPolicy.decide(tls, tls.hostFor("b.test"), "b.test", "nobody.test", null, false, "client").status())
                    .isEqualTo(421);
        }
    }

    @Test
    void hstsAndQuirksBecomeResponseHeaders() {
        TlsRuntime tls = start(TlsConfig.builder().hsts(Hsts.maxAge(Duration.ofSeconds(600)))
                .clientQuirks(ClientQuirks.NONE.and("MSIE", ClientQuirk.NOKEEPALIVE)));
        RequestPolicy.Decision decision = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "a.test", "MSIE 5.0", false);
        assertThat(decision.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Strict-Transport-Security", "max-age=600", "Connection", "close"));
        assertThat(RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "a.test", "curl", false).headers())
                .containsOnlyKeys("Strict-Transport-Security");
        RequestPolicy.Decision http2 = RequestPolicy.decide(tls, tls.hostFor("a.test"), "a.test", "a.test", "MSIE 5.0", true);
        assertThat(http2.quirks()).isEmpty();
        assertThat(http2.headers()).containsOnlyKeys("Strict-Transport-Security");
    }

    @Test
    void hostNamesLoseTheirPortAndBrackets() {
        assertThat(io.tlsconnector.http.HostHeader.name("Example.TEST.:443")).isEqualTo("example.test");
        assertThat(io.tlsconnector.http.HostHeader.name("[2001:db8::1]:8443")).isEqualTo("2001:db8::1");
        assertThat(io.tlsconnector.http.HostHeader.name(" ")).isNull();
    }
}
