package io.tlsconnector.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session caches, and mod_ssl's {@code SSLSessionCache} / {@code SSLSessionCacheTimeout} syntax.
 *
 * <p>What a shared store (Redis, memcached) shares with the engines available on Java 17 is the
 * session-ticket keys: the first server generates them, stores them with a time to live and the
 * others read them, so a ticket issued by any server resumes on any other (TLS 1.2 and 1.3). Server
 * side session-ID entries stay in each engine's own memory (BoringSSL exposes them only as native
 * pointers).
 */
public final class SharedStores {
    /** mod_ssl's default SSLSessionCacheTimeout: 300 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** How long a store may take to answer before the server goes on without it (F1). */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofMillis(50);
    /** The in-memory budget when {@code shmcb:} names none: 512 KiB, as mod_ssl's default. */
    public static final long DEFAULT_MAX_BYTES = 512 * 1024;

    private static final Pattern SHMCB = Pattern.compile("(?:shmcb|shm|dbm|dc):([^()]*)(?:\\((\\d+)\\))?");
    private static final Pattern ADDRESS = Pattern.compile("(\\[[^]]+]|[^:,\\s]+):(\\d{1,5})");

    private static final SharedStore NONE = new SharedStore() {
        @Override
        public Optional<byte[]> get(byte[] key) {
            return Optional.empty();
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
        }

        @Override
        public boolean putIfAbsent(byte[] key, byte[] value, Duration ttl) {
            return false;
        }

        @Override
        public void remove(byte[] key) {
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    private SharedStores() {
    }

    /** Stores nothing (mod_ssl {@code none} and {@code nonenotnull}). */
    public static SharedStore none() {
        return NONE;
    }

    /** The embedded cache: at most {@code maxBytes}, entries live {@code ttl} unless the caller says otherwise. */
    public static InMemoryStore inMemory(long maxBytes, Duration ttl) {
        return new InMemoryStore(maxBytes, ttl, System::nanoTime);
    }

    /** Redis servers, each call bounded by {@code timeout}. Needs {@code io.lettuce:lettuce-core} on the class path. */
    public static SharedStore redis(List<InetSocketAddress> servers, Duration timeout) {
        requireClient("io.lettuce.core.RedisClient", "redis", "io.lettuce:lettuce-core");
        return new RedisStore(checked(servers), Objects.requireNonNull(timeout, "timeout"));
    }

    /** memcached servers, each call bounded by {@code timeout}. Needs {@code com.googlecode.xmemcached:xmemcached}. */
    public static SharedStore memcached(List<InetSocketAddress> servers, Duration timeout) {
        requireClient("net.rubyeye.xmemcached.XMemcachedClientBuilder", "memcache", "com.googlecode.xmemcached:xmemcached");
        return new MemcachedStore(checked(servers), Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * mod_ssl {@code SSLSessionCache} syntax: {@code none}, {@code nonenotnull}, {@code shmcb:/path(bytes)}
     * (an in-memory cache with that budget; the path is not used), {@code redis:host:port[,host:port]},
     * {@code memcache:host:port[,host:port]}.
     *
     * @param ttl the session lifetime (mod_ssl SSLSessionCacheTimeout)
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static SharedStore parse(String spec, Duration ttl) {
        String s = Objects.requireNonNull(spec, "spec").trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("none") || lower.equals("nonenotnull")) {
            return none();
        }
        Matcher shm = SHMCB.matcher(s);
        if (shm.matches()) {
            long bytes = shm.group(2) == null ? DEFAULT_MAX_BYTES : Long.parseLong(shm.group(2));
            return inMemory(bytes, ttl);
        }
        if (lower.startsWith("redis:")) {
            return redis(addresses(s, s.substring("redis:".length())), DEFAULT_STORE_TIMEOUT);
        }
        if (lower.startsWith("memcache:")) {
            return memcached(addresses(s, s.substring("memcache:".length())), DEFAULT_STORE_TIMEOUT);
        }
        throw new IllegalArgumentException("SSLSessionCache '" + spec + "' is not understood; use none, nonenotnull, "
                + "shmcb:/path(bytes), redis:host:port[,host:port] or memcache:host:port[,host:port]");
    }

    /** mod_ssl {@code SSLSessionCacheTimeout}: whole seconds, e.g. {@code "300"}. */
    public static Duration parseTimeout(String seconds) {
        try {
            long value = Long.parseLong(Objects.requireNonNull(seconds, "seconds").trim());
            if (value > 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("SSLSessionCacheTimeout '" + seconds + "' is not a positive number of seconds, e.g. 300");
    }

    private static List<InetSocketAddress> addresses(String spec, String list) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String part : list.split(",")) {
            Matcher m = ADDRESS.matcher(part.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SSLSessionCache '" + spec + "': '" + part.trim()
                        + "' is not host:port; list servers as host:port separated by commas, e.g. redis:10.0.0.5:6379,10.0.0.6:6379");
            }
            String host = m.group(1).replace("[", "").replace("]", "");
            servers.add(InetSocketAddress.createUnresolved(host, port));
        }
        return servers;
    }

    /** How a remote store names itself in logs: {@code redis:host:port,host:port (timeout 50 ms)}. */
    static String describe(String scheme, List<InetSocketAddress> servers, Duration timeout) {
        return scheme + ":" + String.join(",", servers.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList())
                + " (timeout " + timeout.toMillis() + " ms)";
    }

    private static List<InetSocketAddress> checked(List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a shared session cache needs at least one server");
        }
        return List.copyOf(servers);
    }

    private static void requireClient(String className, String scheme, String artifact) {
        try {
            Class.forName(className, false, SharedStores.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("SSLSessionCache " + scheme + ": needs " + artifact
                    + " on the class path; add that dependency (connector-api declares it optional)", e);
        }
    }
}
