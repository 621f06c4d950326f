package io.tlsconnector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.tlsconnector.session.SharedStore;
import io.tlsconnector.session.SharedStores;

/**
 * How sessions are kept and resumed: the cache (mod_ssl SSLSessionCache), the session lifetime
 * (SSLSessionCacheTimeout), the ticket-key file (SSLSessionTicketKeyFile) and, with a shared cache,
 * how the fleet rotates ticket keys.
 *
 * @param cache          the cache; empty means each engine's own in-memory cache
 * @param timeout        how long a session can be resumed
 * @param ticketKeyFile  shared session-ticket keys, if any
 * @param rotation       with a shared cache: how long one ticket key encrypts
 * @param refresh        with a shared cache: how often each server reads the store for the current key
 */
public record SessionSettings(Optional<SharedStore> cache, Duration timeout, Optional<Path> ticketKeyFile,
                              Duration rotation, Duration refresh) {
    public static final SessionSettings DEFAULT = new SessionSettings(Optional.empty(), SharedStores.DEFAULT_TIMEOUT,
            Optional.empty(), Duration.ofHours(12), Duration.ofMinutes(1));

    public SessionSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(ticketKeyFile, "ticketKeyFile");
        positive(timeout, "sessionCacheTimeout");
        positive(rotation, "sessionTicketKeyRotation");
        positive(refresh, "sessionTicketKeyRotation refresh");
    }

    /** True when sessions must resume across processes: a ticket-key file or a cache other processes see. */
    public boolean sharedAcrossProcesses() {
        return ticketKeyFile.isPresent() || cache.map(SharedStore::sharedAcrossProcesses).orElse(false);
    }

    public SessionSettings withCache(SharedStore cache) {
        return new SessionSettings(Optional.of(cache), timeout, ticketKeyFile, rotation, refresh);
    }

    public SessionSettings withTimeout(Duration timeout) {
        return new SessionSettings(cache, timeout, ticketKeyFile, rotation, refresh);
    }

    public SessionSettings withTicketKeyFile(Path file) {
        return new SessionSettings(cache, timeout, Optional.of(file), rotation, refresh);
    }

    public SessionSettings withRotation(Duration rotation, Duration refresh) {
        return new SessionSettings(cache, timeout, ticketKeyFile, rotation, refresh);
    }

    private static void positive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, not " + d);
        }
    }
}
