package io.tlsconnector.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.internal.engine.OcspStatus;

/**
 * Refreshes stapled OCSP responses early: halfway between a response's thisUpdate and nextUpdate (at
 * least {@link #MIN_DELAY} from now), or every {@link #RETRY} while there is none. A failed refresh
 * keeps the last good response (see {@link TlsRuntime#refreshStapling}). Runs on its own thread.
 */
final class OcspRefresher implements AutoCloseable {
    static final Duration MIN_DELAY = Duration.ofSeconds(30);
    static final Duration RETRY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(OcspRefresher.class);

    private final TlsRuntime runtime;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tls-ocsp-refresher");
        thread.setDaemon(true);
        return thread;
    });

    private OcspRefresher(TlsRuntime runtime) {
        this.runtime = runtime;
    }

    /** Schedules the refresh of every stapling host of {@code runtime}. */
    static OcspRefresher start(TlsRuntime runtime) {
        OcspRefresher refresher = new OcspRefresher(runtime);
        for (LoadedHost host : runtime.hosts()) {
            if (host.virtualHost().ocspStapling().enabled()) {
                refresher.schedule(host.virtualHost(), host.ocspStatus());
            }
        }
        return refresher;
    }

    private void schedule(VirtualHost host, OcspStatus status) {
        Duration delay = delay(status, Instant.now());
        log.debug("OCSP response of '{}' is refreshed in {} s", host.serverName(), delay.toSeconds());
        scheduler.schedule(() -> {
            try {
                schedule(host, runtime.refreshStapling(host));
            } catch (RuntimeException e) {
                log.error("OCSP refresh of '{}' failed; trying again in {} min", host.serverName(), RETRY.toMinutes(), e);
                schedule(host, null);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When to fetch again: halfway to nextUpdate, never sooner than {@link #MIN_DELAY}; {@link #RETRY} without a response. */
    static Duration delay(OcspStatus status, Instant now) {
        if (status == null || status.thisUpdate() == null || status.nextUpdate() == null || !status.nextUpdate().isAfter(now)) {
            return RETRY;
        }
        Instant halfway = status.thisUpdate().plus(Duration.between(status.thisUpdate(), status.nextUpdate()).dividedBy(2));
        Duration until = Duration.between(now, halfway);
        return until.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : until;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
