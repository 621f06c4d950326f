package io.tlsconnector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import io.tlsconnector.config.Hsts;

/** F5 and F11: where the redirects point, and the HSTS header. */
class RedirectsTest {
    @Nested
    class HttpsRedirects {
        @Test
        void theHttpsPortReplacesTheHostHeadersPort() {
            assertThat(HttpsRedirect.permanent().location("www.example.test:8080", 8443, "/a/b", "x=1"))
                    .isEqualTo("https://www.example.test:8443/a/b?x=1");
        }

        @Test
        void port443IsLeftOutAndAConfiguredPortWins() {
            assertThat(HttpsRedirect.permanent().toPort(443).location("example.test", 8443, "/", null)).isEqualTo("https://example.test/");
        }

        @Test
        void anIpv6HostKeepsItsBrackets() {
            assertThat(HttpsRedirect.permanent().location("[::1]:8080", 8443, "", "")).isEqualTo("https://[::1]:8443/");
        }

        @Test
        void onlyRedirectStatusesAreAccepted() {
            assertThatThrownBy(() -> HttpsRedirect.permanent().withStatus(200))
                    .hasMessage("HTTPS redirect status must be one of 301, 302, 303, 307, 308, was 200");
            assertThat(HttpsRedirect.permanent().status()).isEqualTo(301);
        }
    }

    @Nested
    class Markers {
        private final MarkerRedirectFilter filter = new MarkerRedirectFilter();

        @Test
        void theSslMarkerGoesToHttpsOnTheDefaultPort() {
            assertThat(filter.location("/shop/login_SSL", "next=%2F", "shop.test:80")).isEqualTo("https://shop.test/shop/login?next=%2F");
        }

        @Test
        void theNoSslMarkerGoesToHttp() {
            assertThat(filter.location("/shop/cart_NOSSL", null, "shop.test:443")).isEqualTo("http://shop.test/shop/cart");
        }

        @Test
        void pathsWithoutAMarkerAreLeftAlone() {
            assertThat(filter.location("/shop/SSL_help", null, "shop.test")).isNull();
        }

        @Test
        void markersThatEndInEachOtherAreRefused() {
            assertThatThrownBy(() -> new MarkerRedirectFilter("SSL", "_NOSSL", 443, 80, 302))
                    .hasMessage("sslMarker 'SSL' and noSslMarker '_NOSSL' must not end in each other, or a path could carry both;"
                            + " pick e.g. _SSL and _NOSSL");
        }
    }

    @Nested
    class StrictTransportSecurity {
        @Test
        void theHeaderValueListsTheChosenDirectives() {
            assertThat(Hsts.maxAge(Duration.ofDays(365)).withIncludeSubDomains().withPreload().headerValue())
                    .isEqualTo("max-age=31536000; includeSubDomains; preload");
        }

        @Test
        void noneSendsNoHeader() {
            assertThat(Hsts.NONE.enabled()).isFalse();
            assertThat(Hsts.maxAge(Duration.ofDays(1)).enabled()).isTrue();
        }
    }
}
