package io.tlsconnector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** mod_ssl's SSLSessionCache and SSLSessionCacheTimeout syntax. */
class SessionCachesTest {
    private static final Duration TTL = Duration.ofSeconds(300);

    @Nested
    class Parse {
        @Test
        void noneAndNonenotnullStoreNothing() {
            for (String spec : new String[] {"none", "nonenotnull", " NONE "}) {
                SessionCache cache = SessionCaches.parse(spec, TTL);
                cache.put(new byte[] {1}, new byte[] {2}, TTL);
                assertThat(cache.get(new byte[] {1})).as(spec).isEmpty();
                assertThat(cache.sharedAcrossProcesses()).isFalse();
            }
        }

        @Test
        void shmcbBecomesAnInMemoryCacheWithThatBudget() {
            SessionCache cache = SessionCaches.parse("shmcb:/var/run/ssl_scache(512000)", TTL);
            assertThat(cache).isInstanceOf(InMemorySessionCache.class);
            assertThat(((InMemorySessionCache) cache).maxBytes()).isEqualTo(512_000);
            assertThat(((InMemorySessionCache) cache).defaultTtl()).isEqualTo(TTL);
        }

        @Test
        void shmcbWithoutASizeGetsMod_sslsDefaultBudget() {
            SessionCache cache = SessionCaches.parse("shmcb:/var/run/ssl_scache", TTL);
            assertThat(((InMemorySessionCache) cache).maxBytes()).isEqualTo(SessionCaches.DEFAULT_MAX_BYTES);
        }

        @Test
        void redisListsServersAndIsShared() {
            try (SessionCache cache = SessionCaches.parse("redis:127.0.0.1:6379,[::1]:6380", TTL)) {
                assertThat(cache.sharedAcrossProcesses()).isTrue();
                assertThat(cache.describe()).startsWith("redis:127.0.0.1:6379,::1:6380");
            }
        }

        @Test
        void memcacheListsServersAndIsShared() {
            try (SessionCache cache = SessionCaches.parse("memcache:127.0.0.1:1,127.0.0.1:2", TTL)) {
                assertThat(cache.sharedAcrossProcesses()).isTrue();
                assertThat(cache.describe()).startsWith("memcache:127.0.0.1:1,127.0.0.1:2");
            }
        }

        @Test
        void aServerWithoutPortIsRefusedWithTheExpectedForm() {
            assertThatThrownBy(() -> SessionCaches.parse("redis:cachehost", TTL))
                    .hasMessage("SSLSessionCache 'redis:cachehost': 'cachehost' is not host:port; list servers as host:port "
                            + "separated by commas, e.g. redis:10.0.0.5:6379,10.0.0.6:6379");
        }

        @Test
        void anUnknownTypeNamesTheAcceptedForms() {
            assertThatThrownBy(() -> SessionCaches.parse("distcache:host:1", TTL))
                    .hasMessage("SSLSessionCache 'distcache:host:1' is not understood; use none, nonenotnull, "
                            + "shmcb:/path(bytes), redis:host:port[,host:port] or memcache:host:port[,host:port]");
        }
    }

    @Nested
    class Timeout {
        @Test
        void isInSeconds() {
            assertThat(SessionCaches.parseTimeout("600")).isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void mustBePositive() {
            assertThatThrownBy(() -> SessionCaches.parseTimeout("0"))
                    .hasMessage("SSLSessionCacheTimeout '0' is not a positive number of seconds, e.g. 300");
            assertThatThrownBy(() -> SessionCaches.parseTimeout("5m"))
                    .hasMessage("SSLSessionCacheTimeout '5m' is not a positive number of seconds, e.g. 300");
        }
    }
}
