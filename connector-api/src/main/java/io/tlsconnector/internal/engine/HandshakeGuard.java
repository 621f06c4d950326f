package io.tlsconnector.internal.engine;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what clients that never finish their handshake can hold: each connection gets an absolute
 * handshake deadline (so a client dribbling one byte a second gains nothing from an idle timeout),
 * and when more handshakes are pending than allowed the oldest is closed, so a flood of stalled
 * connections cannot keep a new client from being served. Both adapters register every accepted
 * TLS connection here; the checks run on one daemon thread, off the I/O path.
 */
public final class HandshakeGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);
    private static final long SWEEP_MILLIS = 200;
    /** How long a handshake may run before it can be closed to make room for newer ones. */
    private static final Duration EVICTION_GRACE = Duration.ofSeconds(1);

    private final long timeoutNanos;
    private final long evictionGraceNanos;
    private final int maxPending;
    private final ConcurrentLinkedDeque<Pending> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final ScheduledExecutorService sweeper;

    public HandshakeGuard(Duration timeout, int maxPending) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive, was " + timeout);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPendingHandshakes must be at least 1, was " + maxPending);
        }
        this.timeoutNanos = timeout.toNanos();
        this.evictionGraceNanos = Math.min(EVICTION_GRACE.toNanos(), timeoutNanos / 2);
        this.maxPending = maxPending;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tls-handshake-guard");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a connection whose handshake has not finished.
     *
     * @param finished tells whether the handshake is over (asked by the sweeper, any thread)
     * @param close    closes the connection; called at most once, from the guard's thread
     * @param peer     the client, for the log
     */
    public Pending track(BooleanSupplier finished, Runnable close, Object peer) {
        Pending entry = new Pending(finished, close, peer, System.nanoTime());
        pending.addLast(entry);
        size.incrementAndGet();
        // Close the oldest unfinished handshakes rather than refuse the newest: a flood of stalled
        // connections then ages out instead of locking legitimate clients out. Only connections that
        // have had a fair chance (EVICTION_GRACE) are closed, so a burst of new connections cannot cut
        // off a legitimate handshake that is merely in progress.
        while (size.get() > maxPending) {
            Pending oldest = pending.peekFirst();
            if (oldest == null || (!oldest.retired.get() && entry.startNanos - oldest.startNanos < evictionGraceNanos)) {
                break;
            }
            if (!pending.remove(oldest)) {
                continue;
            }
            if (oldest.retire()) {
                size.decrementAndGet();
                evicted.incrementAndGet();
                log.debug("More than {} unfinished TLS handshakes; closing the oldest, from {}", maxPending, oldest.peer);
                try {
                    sweeper.execute(oldest.close);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    oldest.close.run();
                }
            }
        }
        return entry;
    }

    /** Connections registered whose handshake has neither finished nor been cut off. */
    public int pendingHandshakes() {
        return size.get();
    }

    /** Connections closed because their handshake outlived the timeout. */
    public long timedOut() {
        return timedOut.get();
    }

    /** Connections closed because too many handshakes were pending. */
    public long evicted() {
        return evicted.get();
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending entry = it.next();
                if (entry.retired.get()) {
                    it.remove();
                } else if (entry.finished.getAsBoolean()) {
                    if (entry.retire()) {
                        size.decrementAndGet();
                    }
                    it.remove();
                } else if (now - entry.startNanos > timeoutNanos && entry.retire()) {
                    size.decrementAndGet();
                    it.remove();
                    timedOut.incrementAndGet();
                    log.debug("TLS handshake from {} not finished within {} ms; closing it", entry.peer,
                            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                    entry.close.run();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Handshake guard sweep failed; it runs again shortly", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        pending.clear();
        size.set(0);
    }

    /** One registered connection. */
    public final class Pending {
        private final BooleanSupplier finished;
        private final Runnable close;
        private final Object peer;
        private final long startNanos;
        private final AtomicBoolean retired = new AtomicBoolean();

        private Pending(BooleanSupplier finished, Runnable close, Object peer, long startNanos) {
            this.finished = finished;
            this.close = close;
            this.peer = peer;
            this.startNanos = startNanos;
        }

        /** The handshake finished or the connection closed: the guard forgets it. */
        public void done() {
            if (retire()) {
                size.decrementAndGet();
            }
        }

        private boolean retire() {
            return retired.compareAndSet(false, true);
        }
    }
}
