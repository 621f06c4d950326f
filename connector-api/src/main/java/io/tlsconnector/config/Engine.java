package io.tlsconnector.config;

/**
 * The TLS implementation that serves a virtual host ({@code VirtualHost.Builder.engine}, or
 * {@code TlsConfig.Builder.engine} for every host). Without a choice a host runs on {@link #BORINGSSL};
 * it falls back to {@link #JSSE}, with a log line naming the reason, when BoringSSL cannot load here or
 * the host has a setting only JSSE honours (finite-field DHE, a narrowed TLS 1.3 suite list, stapling
 * with several certificates, optional_no_ca). A host that chooses BoringSSL is served there with a
 * warning naming such settings. mod_ssl has no such directive: it is always OpenSSL.
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
