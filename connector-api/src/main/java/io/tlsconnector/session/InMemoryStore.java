package io.tlsconnector.session;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The embedded session cache: bounded by a byte budget, not only an entry count (F3), evicting the
 * least recently used entries first, with its real usage reported by {@link #stats()}. One process
 * only; share it between runtimes of one JVM, or use Redis or memcached for a fleet.
 *
 * <p>{@link #stats()} counts what this store holds itself: the shared ticket keys and entries put into it
 * directly. As the session cache of a configuration it sizes each engine's own session cache (its byte
 * budget and TTL), and the TLS sessions stay in those engine caches, which {@code TlsRuntime.sessionCaches()}
 * reports.
 */
public final class InMemoryStore implements SharedStore {
    /** What an entry costs besides its key and value bytes: map node, key wrapper, arrays' headers. */
    static final int ENTRY_OVERHEAD = 96;

    /**
     * Usage at one moment.
     *
     * @param entries   entries held
     * @param bytes     bytes they account for (key + value + {@value InMemoryStore#ENTRY_OVERHEAD} each)
     * @param maxBytes  the budget {@code bytes} never exceeds
     * @param hits      reads that found a live entry
     * @param misses    reads that found none or an expired one
     * @param evictions entries removed to stay within the budget
     */
    public record Stats(long entries, long bytes, long maxBytes, long hits, long misses, long evictions) {
    }

    private record Entry(byte[] value, long expiresAtNanos, int cost) {
    }

    private final long maxBytes;
    private final Duration defaultTtl;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    InMemoryStore(long maxBytes, Duration defaultTtl, LongSupplier nanoClock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the in-memory session cache needs a positive byte budget, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
        this.nanoClock = nanoClock;
    }

    /** The time to live used when the caller has none of its own (mod_ssl SSLSessionCacheTimeout). */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public synchronized Optional<byte[]> get(byte[] key) {
        Key k = new Key(key);
        Entry entry = entries.get(k);
        if (entry != null && entry.expiresAtNanos - nanoClock.getAsLong() <= 0) {
            remove(k, entry);
            entry = null;
        }
        if (entry == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(entry.value.clone());
    }

    @Override
    public synchronized void put(byte[] key, byte[] value, Duration ttl) {
        Key k = new Key(key);
        int cost = key.length + value.length + ENTRY_OVERHEAD;
        Entry previous = entries.remove(k);
        if (previous != null) {
            bytes -= previous.cost;
        }
        if (cost > maxBytes) {
            return; // larger than the whole budget: never stored
        }
        long expires = nanoClock.getAsLong() + (ttl == null ? defaultTtl : ttl).toNanos();
        entries.put(new Key(key.clone()), new Entry(value.clone(), expires, cost));
        bytes += cost;
        evictUntilWithinBudget();
    }

    @Override
    public synchronized boolean putIfAbsent(byte[] key, byte[] value, Duration ttl) {
        Entry existing = entries.get(new Key(key));
        if (existing != null && existing.expiresAtNanos - nanoClock.getAsLong() > 0) {
            return false;
        }
        put(key, value, ttl);
        return true;
    }

    @Override
    public synchronized void remove(byte[] key) {
        Key k = new Key(key);
        Entry entry = entries.get(k);
        if (entry != null) {
            remove(k, entry);
        }
    }

    /** What this store holds now; not the sessions of the engine caches it sizes (see the class comment). */
    public synchronized Stats stats() {
        return new Stats(entries.size(), bytes, maxBytes, hits, misses, evictions);
    }

    @Override
    public String describe() {
        return "in-memory session cache (" + maxBytes + " bytes, TTL " + defaultTtl + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private void remove(Key key, Entry entry) {
        entries.remove(key);
        bytes -= entry.cost;
    }

    /** Expired entries go first, then the least recently used ones (the map's access order). */
    private void evictUntilWithinBudget() {
        if (bytes <= maxBytes) {
            return;
        }
        long now = nanoClock.getAsLong();
        entries.values().removeIf(e -> {
            boolean expired = e.expiresAtNanos - now <= 0;
            if (expired) {
                bytes -= e.cost;
            }
            return expired;
        });
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().cost;
            eldest.remove();
            evictions++;
        }
    }

    /** A byte array compared by content. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Key[" + bytes.length + " bytes]";
        }
    }
}
