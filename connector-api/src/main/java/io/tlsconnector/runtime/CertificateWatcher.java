package io.tlsconnector.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.VirtualHost;

/**
 * Watches the directories of every certificate, chain, key and key store file of a runtime and
 * reloads a virtual host once its files have been quiet for the debounce time and their content has
 * changed. Watching directories (not files) sees editors that replace files and Kubernetes' symlink
 * swap of a mounted secret. Started by {@link TlsRuntime#start} when the configuration asks for
 * {@code watchFiles(...)}; the rebuild runs on the watcher thread, never on a handshake.
 */
final class CertificateWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CertificateWatcher.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final TlsRuntime runtime;
    private final long debounceNanos;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Map<Path, Set<VirtualHost>> hostsByDirectory = new LinkedHashMap<>();
    private final Map<VirtualHost, String> digests = new IdentityHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private CertificateWatcher(TlsRuntime runtime, Duration debounce) throws IOException {
        this.runtime = runtime;
        this.debounceNanos = debounce.toNanos();
        this.service = FileSystems.getDefault().newWatchService();
        for (VirtualHost host : runtime.config().virtualHosts()) {
            List<Path> files = WatchedFiles.of(host);
            digests.put(host, WatchedFiles.digest(files));
            for (Path file : files) {
                for (Path dir : WatchedFiles.directoriesOf(file)) {
                    hostsByDirectory.computeIfAbsent(dir, d -> new LinkedHashSet<>()).add(host);
                }
            }
        }
        for (Path dir : hostsByDirectory.keySet()) {
            keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE), dir);
        }
        this.thread = new Thread(this::run, "tls-certificate-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching {@code runtime}'s files; a change reloads the affected hosts after {@code debounce}. */
    static CertificateWatcher start(TlsRuntime runtime, Duration debounce) {
        try {
            CertificateWatcher watcher = new CertificateWatcher(runtime, debounce);
            watcher.thread.start();
            log.info("Watching {} for certificate and key changes (debounce {} ms)", watcher.hostsByDirectory.keySet(), debounce.toMillis());
            return watcher;
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch the certificate directories for changes (" + e.getMessage()
                    + "); check that they exist and are readable, or turn watchFiles off and call TlsRuntime.reload()", e);
        }
    }

    /** The directories being watched. */
    Set<Path> directories() {
        return Set.copyOf(hostsByDirectory.keySet());
    }

    private void run() {
        Set<Path> pending = new LinkedHashSet<>();
        long lastEvent = 0;
        try {
            while (!closed) {
                WatchKey key = pending.isEmpty() ? service.poll(1, TimeUnit.SECONDS)
                        : service.poll(Math.max(1, debounceNanos - (System.nanoTime() - lastEvent)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    Path dir = keys.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        pending.add(event.kind() == StandardWatchEventKinds.OVERFLOW ? null : dir);
                    }
                    key.reset();
                    lastEvent = System.nanoTime();
                } else if (!pending.isEmpty() && System.nanoTime() - lastEvent >= debounceNanos) {
                    reloadChanged(pending);
                    pending.clear();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The certificate watcher stopped after an unexpected failure; files are no longer watched", e);
        }
    }

    private void reloadChanged(Set<Path> dirs) {
        Set<VirtualHost> candidates = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (dir == null) {
                hostsByDirectory.values().forEach(candidates::addAll);
            } else {
                candidates.addAll(hostsByDirectory.getOrDefault(dir, Set.of()));
            }
        }
        for (VirtualHost host : candidates) {
            String digest = WatchedFiles.digest(WatchedFiles.of(host));
            if (!digest.equals(digests.get(host))) {
                // Remembered even when the reload fails, so one broken file is reported once, not on every event.
                digests.put(host, digest);
                log.debug("Files of virtual host '{}' changed; reloading", host.serverName());
                runtime.reload(List.of(host));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            log.debug("Closing the watch service failed", e);
        }
        thread.interrupt();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
