package io.tlsconnector.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Where TLS session state is kept (mod_ssl {@code SSLSessionCache}): bytes in, bytes out, each entry
 * with a time to live. Implementations: {@link SharedStores#none()}, {@link SharedStores#inMemory},
 * {@link SharedStores#redis} and {@link SharedStores#memcached}.
 *
 * <p>A store that cannot answer (down, slow, corrupt) throws {@link SharedStoreException}; the library
 * catches it and carries on without the store (F1), so implementations never retry for long: every
 * call is bounded by the store's timeout.
 */
public interface SharedStore extends AutoCloseable {
    /** The value stored under {@code key}, if present and not expired. */
    Optional<byte[]> get(byte[] key);

    /** Stores {@code value} under {@code key} for {@code ttl}, replacing any earlier value. */
    void put(byte[] key, byte[] value, Duration ttl);

    /**
     * Stores {@code value} only when no value is present, atomically where the store allows it.
     *
     * @return true when this call stored the value, false when one was already there
     */
    boolean putIfAbsent(byte[] key, byte[] value, Duration ttl);

    void remove(byte[] key);

    /**
     * True when other processes see what this cache stores (Redis, memcached), so the servers of a
     * fleet can share session-ticket keys through it.
     */
    default boolean sharedAcrossProcesses() {
        return false;
    }

    /** For logs: the kind of store and where it is, never a secret. */
    String describe();

    @Override
    default void close() {
    }
}
