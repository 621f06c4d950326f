package io.tlsconnector.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.exception.MemcachedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached through XMemcached (mod_ssl {@code memcache:host:port[,host:port]}); keys are spread over
 * the servers by XMemcached's hashing. Every operation is bounded by the timeout; XMemcached
 * reconnects to a server that went away in the background.
 */
final class MemcachedStore implements SharedStore {
    private static final Logger log = LoggerFactory.getLogger(MemcachedStore.class);
    private static final String PREFIX = "tlsconnector:";

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final MemcachedClient client;

    MemcachedStore(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(
                this.servers.stream().map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList());
        builder.setConnectTimeout(Math.max(1, timeout.toMillis()));
        builder.setOpTimeout(Math.max(1, timeout.toMillis()));
        builder.setHealSessionInterval(1000);
        builder.setFailureMode(false);
        builder.setConnectionPoolSize(1);
        try {
            this.client = builder.build();
        } catch (IOException e) {
            throw new SharedStoreException("memcached client for " + describe() + " cannot start: " + e.getMessage(), e);
        }
        client.setEnableHeartBeat(false);
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(run(() -> client.<byte[]>get(name(key), timeout.toMillis())));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        run(() -> client.set(name(key), seconds(ttl), value, timeout.toMillis()));
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, Duration ttl) {
        return run(() -> client.add(name(key), seconds(ttl), value, timeout.toMillis()));
    }

    @Override
    public void remove(byte[] key) {
        run(() -> client.delete(name(key), timeout.toMillis()));
    }

    @Override
    public boolean sharedAcrossProcesses() {
        return true;
    }

    @Override
    public String describe() {
        return SharedStores.describe("memcache", servers, timeout);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Shuts the client down, waiting at most a second: XMemcached waits up to five seconds for a server
     * that does not answer its {@code quit}, and a server's stop should not.
     */
    @Override
    public void close() {
        Thread shutdown = new Thread(() -> {
            try {
                client.shutdown();
            } catch (IOException e) {
                log.debug("memcached client for {} did not shut down cleanly", describe(), e);
            }
        }, "memcached-client-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** memcached's expiry is in whole seconds; at least one. */
    private static int seconds(Duration ttl) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ttl.toMillis() + 999) / 1000));
    }

    private static String name(byte[] key) {
        return PREFIX + HexFormat.of().formatHex(key);
    }

    private interface Operation<T> {
        T run() throws TimeoutException, InterruptedException, MemcachedException;
    }

    private <T> T run(Operation<T> operation) {
        try {
            return operation.run();
        } catch (TimeoutException | MemcachedException | RuntimeException e) {
            throw new SharedStoreException("memcached at " + describe() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedStoreException("interrupted while asking memcached at " + describe(), e);
        }
    }
}
