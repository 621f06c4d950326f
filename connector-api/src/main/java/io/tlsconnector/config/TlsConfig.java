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
import io.tlsconnector.session.SessionCache;
import io.tlsconnector.session.SessionCaches;

/**
 * The whole TLS set-up of a server: its virtual hosts, which one answers clients without (or with
 * an unknown) SNI name, and how encrypted keys are opened. An immutable description; {@link
 * io.tlsconnector.TlsRuntime#start(TlsConfig)} loads it.
 */
public final class TlsConfig {
    private final List<VirtualHost> virtualHosts;
    private final VirtualHost defaultVirtualHost;
    private final PassPhraseProvider passPhraseProvider;
    private final SessionSettings sessions;

    private TlsConfig(List<VirtualHost> virtualHosts, VirtualHost defaultVirtualHost, PassPhraseProvider passPhraseProvider,
                      SessionSettings sessions) {
        this.virtualHosts = List.copyOf(virtualHosts);
        this.defaultVirtualHost = defaultVirtualHost;
        this.passPhraseProvider = passPhraseProvider;
        this.sessions = sessions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        virtualHosts.forEach(b::virtualHost);
        b.defaultName = defaultVirtualHost.serverName();
        b.passPhraseProvider = passPhraseProvider;
        b.sessions = sessions;
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

    /** Session cache, lifetime and ticket keys for every virtual host that does not set its own. */
    public SessionSettings sessions() {
        return sessions;
    }

    @Override
    public String toString() {
        return "TlsConfig[virtualHosts=" + virtualHosts + ", default=" + defaultVirtualHost.serverName()
                + ", passPhraseProvider=" + passPhraseProvider + ", sessions=" + sessions + "]";
    }

    public static final class Builder {
        private final List<VirtualHost> virtualHosts = new ArrayList<>();
        private String defaultName;
        private PassPhraseProvider passPhraseProvider = PassPhraseProvider.NONE;
        private SessionSettings sessions = SessionSettings.DEFAULT;

        private Builder() {
        }

        /**
         * Where sessions are cached (mod_ssl SSLSessionCache); see {@link SessionCaches}. A cache shared
         * across processes (Redis, memcached) also shares session-ticket keys, so every server of a fleet
         * resumes every other's sessions.
         */
        public Builder sessionCache(SessionCache cache) {
            sessions = sessions.withCache(Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /** How long a session can be resumed (mod_ssl SSLSessionCacheTimeout); 300 seconds unless set. */
        public Builder sessionCacheTimeout(Duration timeout) {
            sessions = sessions.withTimeout(timeout);
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
            problems.throwIfAny();
            return new TlsConfig(virtualHosts, chosenDefault, passPhraseProvider, sessions);
        }
    }
}
