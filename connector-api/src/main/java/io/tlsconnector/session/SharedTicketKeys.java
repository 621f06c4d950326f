package io.tlsconnector.session;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session-ticket keys shared by a fleet through a {@link SharedStore} (Redis, memcached), the way
 * Caddy distributes its STEKs: time is cut into rotation periods; for each period the first server
 * to look stores a fresh random key (put-if-absent, with a time to live of three periods) and every
 * server reads that one. The current period's key encrypts; the previous period's key and the keys
 * this server used before still decrypt, so no ticket dies at a rotation or a store restart.
 *
 * <p>Handshakes never wait for the store: keys are read by one background thread every refresh
 * interval and handed to the engines. When the store is down or slow (each call is bounded by its
 * timeout) the server goes on with the keys it has — its own random ones if the store never
 * answered — logs the failure once per outage, and resumes sharing when the store answers (F1).
 */
public final class SharedTicketKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedTicketKeys.class);
    /** The current key, the previous period's, and what this server used before. */
    static final int MAX_KEYS = 4;
    /**
     * How soon a server that has not yet read the fleet's keys asks the store again. A freshly started
     * JVM often misses its first call's deadline (class loading, connecting); waiting a whole refresh
     * interval would leave it issuing tickets no other server can read.
     */
    static final Duration FIRST_SHARE_RETRY = Duration.ofMillis(500);

    private final SharedStore store;
    private final Duration rotation;
    private final Duration refresh;
    private final SecureRandom random;
    private final Clock clock;
    private final Consumer<TicketKeys> engines;
    private final ScheduledExecutorService timer;
    private TicketKeys applied;
    private boolean failing;
    private boolean shared;
    private long lastLookNanos;

    /**
     * @param engines receives every new key set (the first key encrypts); called from the refresh thread
     */
    public SharedTicketKeys(SharedStore store, Duration rotation, Duration refresh, SecureRandom random,
                            Consumer<TicketKeys> engines) {
        this(store, rotation, refresh, random, Clock.systemUTC(), engines);
    }

    SharedTicketKeys(SharedStore store, Duration rotation, Duration refresh, SecureRandom random, Clock clock,
                     Consumer<TicketKeys> engines) {
        this.store = Objects.requireNonNull(store, "store");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = clock;
        this.engines = Objects.requireNonNull(engines, "engines");
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tls-ticket-keys " + store.describe());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads (or creates) the fleet's keys once now, so the first handshakes already share them when the
     * store answers, then keeps them fresh in the background.
     */
    public SharedTicketKeys start() {
        refresh();
        long tick = Math.max(1, Math.min(refresh.toMillis(), FIRST_SHARE_RETRY.toMillis()));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Quick retries until the store has answered once, then one look every refresh interval. */
    private synchronized void tick() {
        if (!shared || System.nanoTime() - lastLookNanos >= refresh.toNanos()) {
            refresh();
        }
    }

    /** One look at the store; never throws. */
    synchronized void refresh() {
        lastLookNanos = System.nanoTime();
        TicketKeys fresh;
        try {
            long period = clock.millis() / Math.max(1, rotation.toMillis());
            TicketKeys current = currentOrCreate(period);
            fresh = previous(period).map(p -> current.thenDecrypting(p, MAX_KEYS)).orElse(current);
            shared = true;
            if (failing) {
                log.info("Session-ticket key store {} answers again; this server shares the fleet's keys", store.describe());
                failing = false;
            }
        } catch (SharedStoreException | IllegalArgumentException e) {
            if (!failing) {
                log.warn("Session-ticket key store {} failed ({}); this server keeps its current keys, so tickets from"
                        + " other servers may need a full handshake until the store answers", store.describe(), e.getMessage());
                failing = true;
            } else {
                log.debug("Session-ticket key store {} still failing: {}", store.describe(), e.getMessage());
            }
            if (applied != null) {
                return;
            }
            fresh = TicketKeys.generate(random, "this server (store unreachable)");
        } catch (RuntimeException e) {
            log.error("Unexpected failure refreshing session-ticket keys from {}", store.describe(), e);
            return;
        }
        TicketKeys next = applied == null ? fresh : fresh.thenDecrypting(applied, MAX_KEYS);
        if (!next.equals(applied)) {
            applied = next;
            engines.accept(next);
            log.debug("Session-ticket keys from {}: {} key(s)", store.describe(), next.keys().size());
        }
    }

    private TicketKeys currentOrCreate(long period) {
        byte[] name = storeKey(period);
        Optional<byte[]> stored = store.get(name);
        if (stored.isPresent()) {
            return TicketKeys.fromBytes(stored.get(), store.describe());
        }
        TicketKeys created = TicketKeys.generate(random, store.describe());
        if (store.putIfAbsent(name, created.toBytes(), rotation.multipliedBy(3))) {
            log.info("Stored a new session-ticket key in {} for the fleet", store.describe());
            return created;
        }
        // Another server stored one first: use that.
        return store.get(name).map(b -> TicketKeys.fromBytes(b, store.describe())).orElse(created);
    }

    private Optional<TicketKeys> previous(long period) {
        return store.get(storeKey(period - 1)).map(b -> TicketKeys.fromBytes(b, store.describe()));
    }

    private static byte[] storeKey(long period) {
        return ("ticket-keys:" + period).getBytes(StandardCharsets.US_ASCII);
    }

    /** The keys handed to the engines last; empty before the first look at the store. */
    public synchronized Optional<TicketKeys> applied() {
        return Optional.ofNullable(applied);
    }

    /** The keys handed to the engines last, the encrypting one first. */
    public synchronized List<TicketKeys.Key> keys() {
        return applied == null ? List.of() : applied.keys();
    }

    /** Stops refreshing; the store itself belongs to whoever created it. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
