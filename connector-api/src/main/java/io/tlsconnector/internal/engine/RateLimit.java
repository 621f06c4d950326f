package io.tlsconnector.internal.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** At most one event per key and interval; beyond {@code maxKeys} keys the memory starts afresh. */
public final class RateLimit {
    private final long intervalNanos;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Long> last = new ConcurrentHashMap<>();

    public RateLimit(Duration interval, int maxKeys) {
        this.intervalNanos = interval.toNanos();
        this.maxKeys = maxKeys;
    }

    /** True when the event for {@code key} may happen now (and is then counted). */
    public boolean permit(String key) {
        if (last.size() > maxKeys) {
            last.clear();
        }
        long now = System.nanoTime();
        boolean[] permitted = {false};
        last.compute(key, (k, previous) -> {
            if (previous == null || now - previous >= intervalNanos) {
                permitted[0] = true;
                return now;
            }
            return previous;
        });
        return permitted[0];
    }
}
