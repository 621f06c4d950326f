package io.tlsconnector.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The embedded cache: byte budget, LRU eviction, expiry and the stats that prove them (F3). */
class InMemoryStoreTest {
    private final AtomicLong now = new AtomicLong();

    private InMemoryStore cache(long maxBytes) {
        return new InMemoryStore(maxBytes, Duration.ofMinutes(5), now::get);
    }

    private static byte[] key(int n) {
        return ByteBuffer.allocate(32).putInt(n).array();
    }

    @Nested
    class ByteBudget {
        @Test
        void concurrentWritersNeverPushItOverItsBudget() throws Exception {
            long budget = 64 * 1024;
            InMemoryStore cache = cache(budget);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> writers = new ArrayList<>();
            AtomicLong maxSeen = new AtomicLong();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        cache.put(key(thread * 1_000_000 + i), new byte[200 + (i % 300)], null);
                        cache.get(key(thread * 1_000_000 + i / 2));
                        maxSeen.accumulateAndGet(cache.stats().bytes(), Math::max);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            InMemoryStore.Stats stats = cache.stats();
            assertThat(maxSeen.get()).isLessThanOrEqualTo(budget);
            assertThat(stats.bytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
            assertThat(stats.evictions()).isEqualTo(40_000 - stats.entries());
            assertThat(stats.hits() + stats.misses()).isEqualTo(40_000);
            assertThat(stats.hits()).isPositive();
            assertThat(stats.misses()).isPositive();
        }

        @Test
        void accountsKeyValueAndOverheadPerEntry() {
            InMemoryStore cache = cache(10_000);
            cache.put(key(1), new byte[100], null);
            assertThat(cache.stats()).isEqualTo(new InMemoryStore.Stats(1, 32 + 100 + InMemoryStore.ENTRY_OVERHEAD,
                    10_000, 0, 0, 0));
            cache.put(key(1), new byte[50], null);
            assertThat(cache.stats().bytes()).isEqualTo(32 + 50 + InMemoryStore.ENTRY_OVERHEAD);
            cache.remove(key(1));
            assertThat(cache.stats().bytes()).isZero();
        }

        @Test
        void anEntryLargerThanTheWholeBudgetIsNotStored() {
            InMemoryStore cache = cache(500);
            cache.put(key(1), new byte[1000], null);
            assertThat(cache.get(key(1))).isEmpty();
            assertThat(cache.stats().bytes()).isZero();
        }
    }

    @Nested
    class LeastRecentlyUsedEviction {
        @Test
        void evictsTheEntryReadLeastRecently() {
            int cost = 32 + 100 + InMemoryStore.ENTRY_OVERHEAD;
            InMemoryStore cache = cache(3L * cost);
            cache.put(key(1), new byte[100], null);
            cache.put(key(2), new byte[100], null);
            cache.put(key(3), new byte[100], null);
            cache.get(key(1));
            cache.put(key(4), new byte[100], null);
            assertThat(cache.get(key(2))).as("least recently used").isEmpty();
            assertThat(cache.get(key(1))).isPresent();
            assertThat(cache.get(key(3))).isPresent();
            assertThat(cache.get(key(4))).isPresent();
            assertThat(cache.stats().evictions()).isEqualTo(1);
        }
    }

    @Nested
    class Expiry {
        @Test
        void anEntryIsGoneAfterItsTimeToLive() {
            InMemoryStore cache = cache(10_000);
            cache.put(key(1), new byte[] {7}, Duration.ofSeconds(10));
            now.addAndGet(Duration.ofSeconds(9).toNanos());
            assertThat(cache.get(key(1))).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(cache.get(key(1))).isEmpty();
            assertThat(cache.stats().entries()).isZero();
        }

        @Test
        void putIfAbsentWinsOnlyOverAnExpiredEntry() {
            InMemoryStore cache = cache(10_000);
            assertThat(cache.putIfAbsent(key(1), new byte[] {1}, Duration.ofSeconds(1))).isTrue();
            assertThat(cache.putIfAbsent(key(1), new byte[] {2}, Duration.ofSeconds(1))).isFalse();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(cache.putIfAbsent(key(1), new byte[] {3}, Duration.ofSeconds(1))).isTrue();
            assertThat(cache.get(key(1))).hasValueSatisfying(v -> assertThat(v).containsExactly(3));
        }

        @Test
        void theDefaultTimeToLiveAppliesWhenTheCallerGivesNone() {
            InMemoryStore cache = cache(10_000);
            cache.put(key(1), new byte[] {1}, null);
            now.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
            assertThat(cache.get(key(1))).isEmpty();
        }
    }
}
