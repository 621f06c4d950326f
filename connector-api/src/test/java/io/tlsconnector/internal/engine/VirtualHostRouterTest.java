package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.TestPki;

/** SNI names are matched the way httpd matches ServerName and ServerAlias. */
class VirtualHostRouterTest {
    static final TestPki.Issued CERT = TestPki.selfSigned("router.test", "router.test");

    static VirtualHost host(String name, String... aliases) {
        return VirtualHost.builder(name).aliases(aliases)
                .certificate(CertificateSource.of(CERT.privateKey(), CERT.fullChain())).build();
    }

    final VirtualHost www = host("www.example.test", "example.test");
    final VirtualHost wildcard = host("wild.example.test", "*.example.test");
    final VirtualHost api = host("api.example.test");
    final VirtualHost other = host("other.test");
    final VirtualHostRouter router = new VirtualHostRouter(List.of(www, wildcard, api, other), www);

    @Test
    void exactNamesAndAliasesWin() {
        assertThat(router.route("www.example.test")).isSameAs(www);
        assertThat(router.route("example.test")).isSameAs(www);
        assertThat(router.route("api.example.test")).isSameAs(api);
        assertThat(router.route("other.test")).isSameAs(other);
    }

    @Test
    void anExactNameBeatsAWildcardDeclaredEarlier() {
        VirtualHostRouter wildcardFirst = new VirtualHostRouter(List.of(wildcard, api), wildcard);
        assertThat(wildcardFirst.route("api.example.test")).isSameAs(api);
    }

    @Test
    void aWildcardStandsForExactlyOneLabel() {
        assertThat(router.match("img.example.test")).contains(wildcard);
        assertThat(router.match("a.b.example.test")).isEmpty();
        assertThat(router.match(".example.test")).isEmpty();
        assertThat(router.match("*.example.test")).contains(wildcard);
    }

    @Test
    void namesAreCaseInsensitiveAndMayEndWithADot() {
        assertThat(router.route("API.Example.TEST")).isSameAs(api);
        assertThat(router.route("api.example.test.")).isSameAs(api);
        assertThat(router.route("IMG.example.test.")).isSameAs(wildcard);
    }

    @Test
    void noNameOrAnUnknownNameGetsTheDefaultHost() {
        assertThat(router.route(null)).isSameAs(www);
        assertThat(router.route("")).isSameAs(www);
        assertThat(router.route("unknown.test")).isSameAs(www);
        assertThat(router.route("test")).isSameAs(www);
        assertThat(router.match("unknown.test")).isEmpty();
        assertThat(new VirtualHostRouter(List.of(www, api), api).route("nope.test")).isSameAs(api);
    }
}
