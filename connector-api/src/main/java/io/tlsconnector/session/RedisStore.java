package io.tlsconnector.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * Redis through Lettuce (mod_ssl {@code redis:host:port[,host:port]}). Keys are spread over the
 * servers by hash, the same way on every node. Every command is bounded by the timeout; while a
 * server is down commands fail at once (no queueing) and Lettuce reconnects in the background.
 */
final class RedisStore implements SharedStore {
    private static final byte[] PREFIX = "tlsconnector:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final ClientResources resources;
    private final List<Server> clients = new ArrayList<>();

    RedisStore(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        for (InetSocketAddress address : servers) {
            RedisClient client = RedisClient.create(resources,
                    RedisURI.builder().withHost(address.getHostString()).withPort(address.getPort()).withTimeout(timeout).build());
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
            clients.add(new Server(client, address));
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(run(key, redis -> redis.get(prefixed(key))));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        run(key, redis -> redis.set(prefixed(key), value, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))));
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, Duration ttl) {
        return run(key, redis -> "OK".equals(redis.set(prefixed(key), value, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))));
    }

    @Override
    public void remove(byte[] key) {
        run(key, redis -> redis.del(prefixed(key)));
    }

    @Override
    public boolean sharedAcrossProcesses() {
        return true;
    }

    @Override
    public String describe() {
        return SharedStores.describe("redis", servers, timeout);
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public void close() {
        for (Server server : clients) {
            server.close();
        }
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one command on the server that owns {@code key}; Lettuce's failures become {@link SharedStoreException}. */
    private <T> T run(byte[] key, Function<RedisCommands<byte[], byte[]>, T> command) {
        Server server = clients.get(Math.floorMod(Arrays.hashCode(key), clients.size()));
        try {
            return command.apply(server.commands());
        } catch (RedisException e) {
            throw new SharedStoreException("Redis at " + server.address.getHostString() + ":" + server.address.getPort()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] prefixed(byte[] key) {
        byte[] full = Arrays.copyOf(PREFIX, PREFIX.length + key.length);
        System.arraycopy(key, 0, full, PREFIX.length, key.length);
        return full;
    }

    /** One server: connected on first use, and again after a failed first connect. */
    private final class Server {
        private final RedisClient client;
        private final InetSocketAddress address;
        private StatefulRedisConnection<byte[], byte[]> connection;

        Server(RedisClient client, InetSocketAddress address) {
            this.client = client;
            this.address = address;
        }

        synchronized RedisCommands<byte[], byte[]> commands() {
            if (connection == null) {
                connection = client.connect(ByteArrayCodec.INSTANCE);
                connection.setTimeout(timeout);
            }
            return connection.sync();
        }

        synchronized void close() {
            if (connection != null) {
                connection.close();
            }
            client.shutdown(Duration.ZERO, timeout);
        }
    }
}
