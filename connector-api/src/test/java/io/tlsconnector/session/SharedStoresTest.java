package io.tlsconnector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** mod_ssl's SSLSessionCache and SSLSessionCacheTimeout syntax. */
class SharedStoresTest {
    private static final Duration TTL = Duration.ofSeconds(300);

    @Nested
    class Parse {
        @Test
        void noneAndNonenotnullStoreNothing() {
            for (String spec : new String[] {"none", "nonenotnull", " NONE "}) {
                SharedStore cache = SharedStores.parse(spec, TTL);
                cache.put(new byte[] {1}, new byte[] {2}, TTL);
                assertThat(cache.get(new byte[] {1})).as(spec).isEmpty();
                assertThat(cache.sharedAcrossProcesses()).isFalse();
            }
        }

        @Test
        void shmcbBecomesAnInMemoryCacheWithThatBudget() {
            SharedStore cache = SharedStores.parse("shmcb:/var/run/ssl_scache(512000)", TTL);
            assertThat(cache).isInstanceOf(InMemoryStore.class);
            assertThat(((InMemoryStore) cache).maxBytes()).isEqualTo(512_000);
            assertThat(((InMemoryStore) cache).defaultTtl()).isEqualTo(TTL);
        }

        @Test
        void shmcbWithoutASizeGetsMod_sslsDefaultBudget() {
            SharedStore cache = SharedStores.parse("shmcb:/var/run/ssl_scache", TTL);
            assertThat(((InMemoryStore) cache).maxBytes()).isEqualTo(SharedStores.DEFAULT_MAX_BYTES);
        }

        @Test
        void redisListsServersAndIsShared() {
            try (SharedStore cache = SharedStores.parse("redis:127.0.0.1:6379,[::1]:6380", TTL)) {
                assertThat(cache.sharedAcrossProcesses()).isTrue();
                assertThat(cache.describe()).startsWith("redis:127.0.0.1:6379,::1:6380");
            }
        }

        @Test
        void memcacheListsServersAndIsShared() {
            try (SharedStore cache = SharedStores.parse("memcache:127.0.0.1:1,127.0.0.1:2", TTL)) {
                assertThat(cache.sharedAcrossProcesses()).isTrue();
                assertThat(cache.describe()).startsWith("memcache:127.0.0.1:1,127.0.0.1:2");
            }
        }

        @Test
        void aServerWithoutPortIsRefusedWithTheExpectedForm() {
            assertThatThrownBy(() -> SharedStores.parse("redis:cachehost", TTL))
                    .hasMessage("SSLSessionCache 'redis:cachehost': 'cachehost' is not host:port; list servers as host:port "
                            + "separated by commas, e.g. redis:10.0.0.5:6379,10.0.0.6:6379");
        }

        @Test
        void anUnknownTypeNamesTheAcceptedForms() {
            assertThatThrownBy(() -> SharedStores.parse("distcache:host:1", TTL))
                    .hasMessage("SSLSessionCache 'distcache:host:1' is not understood; use none, nonenotnull, "
                            + "shmcb:/path(bytes), redis:host:port[,host:port] or memcache:host:port[,host:port]");
        }
    }

    @Nested
    class Timeout {
        @Test
        void isInSeconds() {
            assertThat(SharedStores.parseTimeout("600")).isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void mustBePositive() {
            assertThatThrownBy(() -> SharedStores.parseTimeout("0"))
                    .hasMessage("SSLSessionCacheTimeout '0' is not a positive number of seconds, e.g. 300");
            assertThatThrownBy(() -> SharedStores.parseTimeout("5m"))
                    .hasMessage("SSLSessionCacheTimeout '5m' is not a positive number of seconds, e.g. 300");
        }
    }
}
