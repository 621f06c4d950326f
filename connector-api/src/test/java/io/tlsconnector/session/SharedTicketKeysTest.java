package io.tlsconnector.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fleet's ticket-key protocol over any store, and what happens when the store fails (F1). */
class SharedTicketKeysTest {
    private static final Duration ROTATION = Duration.ofHours(1);
    private final InMemoryStore memory = SharedStores.inMemory(1 << 20, ROTATION);
    private final FlakyStore store = new FlakyStore(memory);
    private final MutableClock clock = new MutableClock();

    private final List<TicketKeys> seenByA = new ArrayList<>();
    private final List<TicketKeys> seenByB = new ArrayList<>();
    private final SharedTicketKeys nodeA = new SharedTicketKeys(store, ROTATION, ROTATION, new SecureRandom(), clock, seenByA::add);
    private final SharedTicketKeys nodeB = new SharedTicketKeys(store, ROTATION, ROTATION, new SecureRandom(), clock, seenByB::add);

    @Nested
    class Sharing {
        @Test
        void theFirstNodeStoresAKeyAndTheOthersUseIt() {
            nodeA.refresh();
            nodeB.refresh();
            assertThat(nodeA.keys()).hasSize(1).isEqualTo(nodeB.keys());
            assertThat(memory.stats().entries()).isEqualTo(1);
        }

        @Test
        void aNewPeriodsKeyEncryptsAndThePreviousOneStillDecrypts() {
            nodeA.refresh();
            TicketKeys.Key first = nodeA.keys().get(0);
            clock.advance(ROTATION);
            nodeB.refresh();
            nodeA.refresh();
            assertThat(nodeA.keys()).hasSize(2).isEqualTo(nodeB.keys());
            assertThat(nodeA.keys().get(0)).isNotEqualTo(first);
            assertThat(nodeA.keys().get(1)).isEqualTo(first);
        }

        @Test
        void nothingIsHandedToTheEnginesWhenTheKeysDidNotChange() {
            nodeA.refresh();
            nodeA.refresh();
            assertThat(seenByA).hasSize(1);
        }
    }

    @Nested
    class WhenTheStoreFails {
        @Test
        void aNodeThatNeverReachedItServesOnItsOwnKeys() {
            store.failing = true;
            nodeA.refresh();
            assertThat(nodeA.keys()).hasSize(1);
            assertThat(seenByA).hasSize(1);
        }

        @Test
        void aNodeWhoseFirstLookFailedTakesTheFleetsKeysWithinSecondsNotAtTheNextRefresh() throws Exception {
            nodeB.refresh();
            TicketKeys fleet = seenByB.get(seenByB.size() - 1);
            store.failing = true;
            try (SharedTicketKeys late = new SharedTicketKeys(store, ROTATION, ROTATION, new SecureRandom(), clock, seenByA::add)) {
                late.start();
                assertThat(late.keys().get(0)).isNotEqualTo(fleet.keys().get(0));
                store.failing = false;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!late.keys().get(0).equals(fleet.keys().get(0)) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(late.keys().get(0)).as("the fleet's current key encrypts, an hour-long refresh interval notwithstanding")
                        .isEqualTo(fleet.keys().get(0));
            }
        }

        @Test
        void aNodeKeepsTheFleetsKeysDuringAnOutage() {
            nodeA.refresh();
            List<TicketKeys.Key> shared = nodeA.keys();
            store.failing = true;
            nodeA.refresh();
            nodeA.refresh();
            assertThat(nodeA.keys()).isEqualTo(shared);
            assertThat(seenByA).hasSize(1);
        }

        @Test
        void afterTheStoreComesBackEmptyTheFleetMovesToOneNewKeyAndOldTicketsStillDecrypt() {
            nodeA.refresh();
            nodeB.refresh();
            TicketKeys.Key before = nodeA.keys().get(0);
            store.failing = true;
            memory.remove("ticket-keys:0".getBytes());
            nodeA.refresh();
            store.failing = false;
            nodeA.refresh();
            nodeB.refresh();
            assertThat(nodeA.keys().get(0)).isNotEqualTo(before).isEqualTo(nodeB.keys().get(0));
            assertThat(nodeA.keys()).contains(before);
            assertThat(nodeB.keys()).contains(before);
        }

        @Test
        void aCorruptEntryIsTreatedAsAFailingStore() {
            memory.put("ticket-keys:0".getBytes(), new byte[] {1, 2, 3}, ROTATION);
            nodeA.refresh();
            assertThat(nodeA.keys()).hasSize(1);
        }
    }

    /** Delegates to a real cache, or fails like an unreachable server. */
    private static final class FlakyStore implements SharedStore {
        private final SharedStore delegate;
        volatile boolean failing;

        FlakyStore(SharedStore delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (failing) {
                throw new SharedStoreException("store unreachable (test)", null);
            }
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            check();
            return delegate.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
            check();
            delegate.put(key, value, ttl);
        }

        @Override
        public boolean putIfAbsent(byte[] key, byte[] value, Duration ttl) {
            check();
            return delegate.putIfAbsent(key, value, ttl);
        }

        @Override
        public void remove(byte[] key) {
            check();
            delegate.remove(key);
        }

        @Override
        public String describe() {
            return "flaky store";
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.ofEpochMilli(1000);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
