package io.tlsconnector.config;

/**
 * The TLS implementation that serves a virtual host ({@code VirtualHost.Builder.engine}, or
 * {@code TlsConfig.Builder.engine} for every host). Without a choice a host runs on {@link #JSSE},
 * unless its sessions must resume across servers (then {@link #BORINGSSL}). A host that chooses
 * BoringSSL but has a setting only JSSE honours (finite-field DHE, OCSP stapling, a narrowed TLS 1.3
 * suite list) fails start-up naming the setting. mod_ssl has no such directive: it is always OpenSSL.
 */
public enum Engine {
    /** BoringSSL through Netty's {@code netty-tcnative-boringssl-static}: fast, shares ticket keys, post-quantum key exchange. */
    BORINGSSL("BoringSSL (netty-tcnative)"),
    /** The JDK's own TLS provider: no native code, the fallback. */
    JSSE("JSSE");

    private final String displayName;

    Engine(String displayName) {
        this.displayName = displayName;
    }

    /** For logs and messages, e.g. {@code BoringSSL (netty-tcnative)}. */
    public String displayName() {
        return displayName;
    }

    /** {@code boringssl} or {@code jsse}, any case. */
    public static Engine parse(String name) {
        for (Engine engine : values()) {
            if (engine.name().equalsIgnoreCase(name.trim())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; use boringssl or jsse");
    }
}
