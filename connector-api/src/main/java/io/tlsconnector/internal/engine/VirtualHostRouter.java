package io.tlsconnector.internal.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.tlsconnector.config.VirtualHost;

/**
 * Chooses the virtual host for an SNI name, the way httpd matches ServerName and ServerAlias:
 * exact names and aliases first, then wildcards ({@code *.example.test} stands for exactly one
 * label, as in a certificate), case-insensitive, a trailing dot tolerated. A missing or unknown
 * name gets the default host.
 */
public final class VirtualHostRouter {
    private final Map<String, VirtualHost> exact = new HashMap<>();
    /** Keyed by the suffix after the wildcard label, e.g. {@code example.test} for {@code *.example.test}. */
    private final Map<String, VirtualHost> wildcard = new HashMap<>();
    private final VirtualHost defaultHost;

    /**
     * @param hosts       in configuration order; when two hosts claim one name the first wins (the
     *                    configuration refuses duplicates before it gets here)
     * @param defaultHost the host for clients without SNI or with an unknown name
     */
    public VirtualHostRouter(List<VirtualHost> hosts, VirtualHost defaultHost) {
        this.defaultHost = Objects.requireNonNull(defaultHost, "defaultHost");
        for (VirtualHost host : hosts) {
            for (String name : host.names()) {
                if (name.startsWith("*.")) {
                    wildcard.putIfAbsent(name.substring(2), host);
                } else {
                    exact.putIfAbsent(name, host);
                }
            }
        }
    }

    /** The host that serves {@code sniName}, falling back to the default host. */
    public VirtualHost route(String sniName) {
        return match(sniName).orElse(defaultHost);
    }

    /** The host whose name, alias or wildcard covers {@code sniName}; empty when none does. */
    public Optional<VirtualHost> match(String sniName) {
        if (sniName == null || sniName.isBlank()) {
            return Optional.empty();
        }
        String name = VirtualHost.normalize(sniName);
        VirtualHost host = exact.get(name);
        if (host == null) {
            int dot = name.indexOf('.');
            // The wildcard label must be non-empty and the rest must still be a name: "*.test" never matches ".test".
            if (dot > 0 && dot < name.length() - 1) {
                host = wildcard.get(name.substring(dot + 1));
            }
        }
        return Optional.ofNullable(host);
    }

    public VirtualHost defaultHost() {
        return defaultHost;
    }
}
