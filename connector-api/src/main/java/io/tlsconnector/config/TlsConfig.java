package io.tlsconnector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.random.RandomSeed;
import io.tlsconnector.session.SharedStore;
import io.tlsconnector.session.SharedStores;

/**
 * The whole TLS set-up of a server: its virtual hosts, which one answers clients without (or with
 * an unknown) SNI name, and how encrypted keys are opened. An immutable description; {@link
 * io.tlsconnector.runtime.TlsRuntime#start(TlsConfig)} loads it.
 */
public final class TlsConfig {
    private final List<VirtualHost> virtualHosts;
    private final VirtualHost defaultVirtualHost;
    private final PassPhraseProvider passPhraseProvider;
    private final Duration handshakeTimeout;
    private final int maxPendingHandshakes;
    private final RandomSeed randomSeed;
    private final Operations operations;
    private final SessionSettings sessions;
    private final Optional<Engine> engine;

    private TlsConfig(List<VirtualHost> virtualHosts, VirtualHost defaultVirtualHost, Builder builder) {
        this.virtualHosts = List.copyOf(virtualHosts);
        this.defaultVirtualHost = defaultVirtualHost;
        this.passPhraseProvider = builder.passPhraseProvider;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.maxPendingHandshakes = builder.maxPendingHandshakes;
        this.randomSeed = builder.randomSeed;
        this.operations = builder.operations;
        this.sessions = builder.sessions;
        this.engine = Optional.ofNullable(builder.engine);
    }

    /**
     * The run-time behaviour around the handshakes: strict SNI, HSTS, client quirks, file watching.
     *
     * @param strictSniVHostCheck mod_ssl SSLStrictSNIVHostCheck (F31)
     * @param hsts                the Strict-Transport-Security header added to HTTPS responses; {@link Hsts#NONE} for none
     * @param clientQuirks        per-User-Agent workarounds (F34); {@link ClientQuirks#NONE} for none
     * @param watchDebounce       how long file changes settle before a reload; {@code null} when files are not watched
     */
    public record Operations(boolean strictSniVHostCheck, Hsts hsts, ClientQuirks clientQuirks, Duration watchDebounce) {
        static final Operations DEFAULT = new Operations(false, Hsts.NONE, ClientQuirks.NONE, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        virtualHosts.forEach(b::virtualHost);
        b.defaultName = defaultVirtualHost.serverName();
        b.passPhraseProvider = passPhraseProvider;
        b.handshakeTimeout = handshakeTimeout;
        b.maxPendingHandshakes = maxPendingHandshakes;
        b.randomSeed = randomSeed;
        b.operations = operations;
        b.sessions = sessions;
        b.engine = engine.orElse(null);
        return b;
    }

    /** The virtual hosts in the order they were added. */
    public List<VirtualHost> virtualHosts() {
        return virtualHosts;
    }

    /** Serves clients that send no SNI name or one no virtual host answers to (F30). */
    public VirtualHost defaultVirtualHost() {
        return defaultVirtualHost;
    }

    /** The virtual host with this server name (not alias), if any. */
    public Optional<VirtualHost> virtualHost(String serverName) {
        String wanted = VirtualHost.normalize(serverName);
        return virtualHosts.stream().filter(v -> v.serverName().equals(wanted)).findFirst();
    }

    public PassPhraseProvider passPhraseProvider() {
        return passPhraseProvider;
    }

    /** How long a connection may take from accept to a finished handshake (default 10 s). */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How many handshakes may be unfinished at once before the oldest is closed (default 4096). */
    public int maxPendingHandshakes() {
        return maxPendingHandshakes;
    }

    /** How the SecureRandom of every SSLContext is seeded (mod_ssl SSLRandomSeed). */
    public RandomSeed randomSeed() {
        return randomSeed;
    }

    /** Strict SNI, HSTS, client quirks and file watching. */
    public Operations operations() {
        return operations;
    }

    /** Session cache, lifetime and ticket keys for every virtual host that does not set its own. */
    public SessionSettings sessions() {
        return sessions;
    }

    /**
     * The engine of every virtual host that does not choose its own; empty means JSSE, or BoringSSL for
     * hosts whose sessions resume across servers.
     */
    public Optional<Engine> engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "TlsConfig[virtualHosts=" + virtualHosts + ", default=" + defaultVirtualHost.serverName()
                + ", passPhraseProvider=" + passPhraseProvider + ", randomSeed=" + randomSeed
                + ", handshakeTimeout=" + handshakeTimeout + ", maxPendingHandshakes=" + maxPendingHandshakes
                + ", operations=" + operations + ", sessions=" + sessions + "]";
    }

    public static final class Builder {
        private final List<VirtualHost> virtualHosts = new ArrayList<>();
        private String defaultName;
        private PassPhraseProvider passPhraseProvider = PassPhraseProvider.NONE;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxPendingHandshakes = 4096;
        private RandomSeed randomSeed = RandomSeed.DEFAULT;
        private Operations operations = Operations.DEFAULT;
        private SessionSettings sessions = SessionSettings.DEFAULT;
        private Engine engine;

        private Builder() {
        }

        /**
         * The time a client has from connecting to finishing its handshake; counted from accept, so a
         * client sending one byte a second is cut off too.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Where sessions are cached (mod_ssl SSLSessionCache); see {@link SharedStores}. A cache shared
         * across processes (Redis, memcached) also shares session-ticket keys, so every server of a fleet
         * resumes every other's sessions.
         */
        public Builder sessionCache(SharedStore cache) {
            sessions = sessions.withCache(Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /** How long a session can be resumed (mod_ssl SSLSessionCacheTimeout); 300 seconds unless set. */
        public Builder sessionCacheTimeout(Duration timeout) {
            sessions = sessions.withTimeout(timeout);
            return this;
        }

        /**
         * mod_ssl SSLStrictSNIVHostCheck (F31): a request whose Host header belongs to another virtual
         * host than the one SNI chose gets 421 Misdirected Request, and a request without SNI to a
         * virtual host other than the default gets 403, as mod_ssl answers. Off by default.
         */
        public Builder strictSniVHostCheck(boolean strict) {
            operations = new Operations(strict, operations.hsts(), operations.clientQuirks(), operations.watchDebounce());
            return this;
        }

        /** Adds a Strict-Transport-Security header to every HTTPS response (F5, F11). */
        public Builder hsts(Hsts hsts) {
            operations = new Operations(operations.strictSniVHostCheck(), Objects.requireNonNull(hsts, "hsts"),
                    operations.clientQuirks(), operations.watchDebounce());
            return this;
        }

        /** Per-User-Agent workarounds mirroring mod_ssl's nokeepalive, ssl-unclean-shutdown, downgrade-1.0 (F34). */
        public Builder clientQuirks(ClientQuirks quirks) {
            operations = new Operations(operations.strictSniVHostCheck(), operations.hsts(),
                    Objects.requireNonNull(quirks, "quirks"), operations.watchDebounce());
            return this;
        }

        /**
         * Serves every virtual host without its own choice on {@code engine}, e.g. {@link Engine#JSSE} to keep
         * native code out of the process, or {@link Engine#BORINGSSL} for its speed and post-quantum key
         * exchange; start-up fails naming the host when one cannot run on it.
         */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Session-ticket keys in mod_ssl's 48-byte layout (SSLSessionTicketKeyFile): servers reading the same
         * file resume each other's tickets. A virtual host may name its own.
         */
        public Builder sessionTicketKeyFile(Path file) {
            sessions = sessions.withTicketKeyFile(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * The most handshakes that may be unfinished at once; past it the oldest unfinished one is
         * closed, so stalled connections cannot crowd out new clients.
         */
        public Builder maxPendingHandshakes(int max) {
            this.maxPendingHandshakes = max;
            return this;
        }

        /**
         * Watches every certificate, chain and key file (their directories, so Kubernetes-style symlink
         * swaps are seen) and reloads a virtual host once its files have been quiet for {@code debounce}.
         */
        public Builder watchFiles(Duration debounce) {
            if (debounce.isNegative() || debounce.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("watchFiles debounce must be between 0 and 10 s, was " + debounce);
            }
            operations = new Operations(operations.strictSniVHostCheck(), operations.hsts(), operations.clientQuirks(), debounce);
            return this;
        }

        /**
         * With a shared cache: how long one ticket key encrypts before the fleet moves to the next, and how
         * often each server looks for it in the store. 12 hours and 1 minute unless set.
         */
        public Builder sessionTicketKeyRotation(Duration rotation, Duration refresh) {
            sessions = sessions.withRotation(rotation, refresh);
            return this;
        }

        public Builder virtualHost(VirtualHost host) {
            virtualHosts.add(Objects.requireNonNull(host, "host"));
            return this;
        }

        /** Names the virtual host for clients without SNI or with an unknown name; the first one if unset. */
        public Builder defaultVirtualHost(String serverName) {
            this.defaultName = VirtualHost.normalize(Objects.requireNonNull(serverName, "serverName"));
            return this;
        }

        /** How the pass-phrases of encrypted keys and key stores are obtained (mod_ssl SSLPassPhraseDialog). */
        public Builder passPhraseProvider(PassPhraseProvider provider) {
            this.passPhraseProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * How the SecureRandom of every SSLContext is seeded (mod_ssl SSLRandomSeed, F4, F26), e.g.
         * {@code RandomSeed.parse("startup builtin", "connect file:/dev/urandom 32")}; default
         * {@link RandomSeed#DEFAULT} ({@code startup builtin}).
         */
        public Builder randomSeed(RandomSeed seed) {
            this.randomSeed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /**
         * Checks the shape of the whole configuration (at least one virtual host, no name served
         * twice, a default host that exists); opens no file.
         *
         * @throws TlsConfigException listing every problem found
         */
        public TlsConfig build() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            if (virtualHosts.isEmpty()) {
                problems.add(null, "virtualHost", "the configuration has no virtual host.",
                        "add at least one with virtualHost(VirtualHost.builder(\"www.example.com\")...build()).");
            }
            Map<String, String> owners = new HashMap<>();
            Map<String, List<String>> duplicates = new LinkedHashMap<>();
            for (VirtualHost host : virtualHosts) {
                for (String name : host.names()) {
                    String owner = owners.putIfAbsent(name, host.serverName());
                    if (owner != null) {
                        duplicates.computeIfAbsent(name, n -> new ArrayList<>(List.of(owner))).add(host.serverName());
                    }
                }
            }
            duplicates.forEach((name, hosts) -> problems.add(hosts.get(hosts.size() - 1), "server name '" + name + "'",
                    "is served by more than one virtual host (" + String.join(", ", hosts.stream().map(h -> "'" + h + "'").toList())
                            + "), so SNI could not tell them apart.",
                    "keep the name (or alias) on one virtual host only."));
            VirtualHost chosenDefault = virtualHosts.isEmpty() ? null : virtualHosts.get(0);
            if (defaultName != null) {
                chosenDefault = virtualHosts.stream().filter(v -> v.serverName().equals(defaultName)).findFirst().orElse(null);
                if (chosenDefault == null) {
                    problems.add(null, "defaultVirtualHost", "names '" + defaultName + "', which is not the server name of any virtual host.",
                            "name one of " + virtualHosts.stream().map(VirtualHost::serverName).toList() + ".");
                }
            }
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                problems.add(null, "handshakeTimeout", "is " + handshakeTimeout + "; it must be positive.",
                        "give a duration such as Duration.ofSeconds(10).");
            }
            if (maxPendingHandshakes < 1) {
                problems.add(null, "maxPendingHandshakes", "is " + maxPendingHandshakes + "; it must be at least 1.",
                        "give a limit such as 4096.");
            }
            problems.throwIfAny();
            return new TlsConfig(virtualHosts, chosenDefault, this);
        }
    }
}
