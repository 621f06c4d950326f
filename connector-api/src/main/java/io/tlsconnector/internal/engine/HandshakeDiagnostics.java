package io.tlsconnector.internal.engine;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.cipher.CipherString;

/**
 * Explains failed handshakes in the error log, container-neutral: adapters call
 * {@link #handshakeFailed} with the host, the parsed ClientHello and the failure. A handshake that
 * failed because the client and the virtual host have no cipher suite in common is logged at WARN with
 * what the client offered and what the host enables (F29), at most once per host and interval, so a
 * scanner cannot flood the log.
 */
public final class HandshakeDiagnostics {
    /** The logger name operators configure (handshake lines at DEBUG); it stays when the class moves. */
    private static final Logger log = LoggerFactory.getLogger("io.tlsconnector.diag.HandshakeDiagnostics");
    private static final HandshakeDiagnostics SHARED = new HandshakeDiagnostics(Duration.ofMinutes(1), System::nanoTime);

    private final long intervalNanos;
    private final LongSupplier clock;
    // Per host as built: a reload or a new runtime in the same JVM starts afresh, and an old host's entry goes with it.
    private final Map<LoadedHost, Long> lastLogged = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<LoadedHost, AtomicInteger> suppressed = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param interval the least time between two log lines about the same virtual host
     * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    public HandshakeDiagnostics(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** The instance adapters use: one line per virtual host and minute. */
    public static HandshakeDiagnostics shared() {
        return SHARED;
    }

    /**
     * Logs the failure if it is explained by the lack of a shared cipher suite.
     *
     * @param hello what the client offered; {@code null} when it could not be read (nothing is logged)
     * @return true when a line was logged
     */
    public boolean handshakeFailed(LoadedHost host, ClientHello hello, SocketAddress peer, Throwable failure) {
        Optional<String> explanation = noSharedCipher(host, hello, peer);
        if (explanation.isEmpty()) {
            log.debug("TLS handshake for virtual host '{}' with {} failed: {}", host.serverName(), peer, String.valueOf(failure));
            return false;
        }
        long now = clock.getAsLong();
        Long last = lastLogged.get(host);
        if (last != null && now - last < intervalNanos) {
            suppressed.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            return false;
        }
        lastLogged.put(host, now);
        AtomicInteger skipped = suppressed.remove(host);
        log.warn("{}{}", explanation.get(), skipped == null ? ""
                : " (" + skipped.get() + " more such failures on this host since the last report were not logged)");
        return true;
    }

    /**
     * The log line for a client that shares no cipher suite with the host, or empty when they share one
     * (the handshake failed for another reason) or the hello is unknown.
     */
    public static Optional<String> noSharedCipher(LoadedHost host, ClientHello hello, SocketAddress peer) {
        if (hello == null) {
            return Optional.empty();
        }
        Set<String> offered = new LinkedHashSet<>();
        hello.cipherSuites().forEach(id -> offered.add(CipherString.ianaName(id)));
        List<String> enabled = host.enabledCipherSuites();
        if (enabled.stream().anyMatch(offered::contains)) {
            return Optional.empty();
        }
        return Optional.of("Virtual host '" + host.serverName() + "': TLS handshake with " + peer
                + " failed, no cipher suite in common (F29). The client offered " + List.copyOf(offered)
                + "; the host enables " + enabled + ". If such clients must be served, widen the host's cipherSuite(...)"
                + " or add a certificate of the key type their suites need.");
    }
}
