package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The handshake deadline and the cap on unfinished handshakes, without a server. */
class HandshakeGuardTest {

    @Nested
    class Deadline {
        @Test
        void aHandshakeThatOutlivesTheTimeoutIsClosed() throws Exception {
            try (HandshakeGuard guard = new HandshakeGuard(Duration.ofMillis(300), 100)) {
                AtomicInteger closed = new AtomicInteger();
                guard.track(() -> false, closed::incrementAndGet, "stalled");
                awaitTrue(() -> closed.get() == 1, Duration.ofSeconds(3));
                assertThat(guard.timedOut()).isEqualTo(1);
                assertThat(guard.pendingHandshakes()).isZero();
            }
        }

        @Test
        void aFinishedHandshakeIsForgottenAndNeverClosed() throws Exception {
            try (HandshakeGuard guard = new HandshakeGuard(Duration.ofMillis(300), 100)) {
                AtomicBoolean closed = new AtomicBoolean();
                AtomicBoolean finished = new AtomicBoolean();
                HandshakeGuard.Pending done = guard.track(() -> false, () -> closed.set(true), "done");
                guard.track(finished::get, () -> closed.set(true), "finishes");
                done.done();
                finished.set(true);
                Thread.sleep(700);
                assertThat(closed).isFalse();
                assertThat(guard.pendingHandshakes()).isZero();
                assertThat(guard.timedOut()).isZero();
            }
        }
    }

    @Nested
    class Cap {
        @Test
        void pastTheCapTheOldestHandshakeThatHadItsChanceIsClosed() throws Exception {
            try (HandshakeGuard guard = new HandshakeGuard(Duration.ofSeconds(10), 3)) {
                List<AtomicBoolean> closed = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    AtomicBoolean flag = new AtomicBoolean();
                    closed.add(flag);
                    guard.track(() -> false, () -> flag.set(true), "old-" + i);
                }
                Thread.sleep(1100); // the grace period (1 s) passes for the first three
                guard.track(() -> false, () -> { }, "new");
                awaitTrue(() -> closed.get(0).get(), Duration.ofSeconds(3));
                assertThat(closed.get(1)).isFalse();
                assertThat(guard.evicted()).isEqualTo(1);
                assertThat(guard.pendingHandshakes()).isEqualTo(3);
            }
        }

        @Test
        void aBurstDoesNotCloseHandshakesStillInTheirGracePeriod() {
            try (HandshakeGuard guard = new HandshakeGuard(Duration.ofSeconds(10), 3)) {
                AtomicInteger closed = new AtomicInteger();
                for (int i = 0; i < 10; i++) {
                    guard.track(() -> false, closed::incrementAndGet, "burst-" + i);
                }
                assertThat(guard.evicted()).isZero();
                assertThat(guard.pendingHandshakes()).isEqualTo(10);
            }
        }
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new HandshakeGuard(Duration.ZERO, 1)).hasMessage("handshake timeout must be positive, was PT0S");
        assertThatThrownBy(() -> new HandshakeGuard(Duration.ofSeconds(1), 0)).hasMessage("maxPendingHandshakes must be at least 1, was 0");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within %s", limit).isTrue();
    }
}
