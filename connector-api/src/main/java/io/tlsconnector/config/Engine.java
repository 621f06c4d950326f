package io.tlsconnector.config;

/**
 * The TLS implementation that serves a virtual host ({@code VirtualHost.Builder.engine}, or
 * {@code TlsConfig.Builder.engine} for every host). Without a choice a host runs on {@link #BORINGSSL};
 * it falls back to {@link #JSSE}, with a log line naming the reason, when BoringSSL cannot load here or
 * the host has a setting only JSSE honours (finite-field DHE, a narrowed TLS 1.3 suite list, stapling
 * with several certificates, optional_no_ca). A host that chooses BoringSSL is served there with a
 * warning naming such settings. A host with an SRP verifier file runs on {@link #BCTLS}. mod_ssl has no
 * such directive: it is always OpenSSL.
 */
public enum Engine {
    /** BoringSSL through Netty's {@code netty-tcnative-boringssl-static}: fast, shares ticket keys, post-quantum key exchange. */
    BORINGSSL("BoringSSL (netty-tcnative)"),
    /** The JDK's own TLS provider: no native code, the fallback. */
    JSSE("JSSE"),
    /**
     * Bouncy Castle's TLS protocol classes ({@code bctls}) behind an SSLEngine: the engine of hosts with
     * an SRP verifier file (TLS-SRP, F35), chosen for them and only for them. TLS 1.2 only.
     */
    BCTLS("Bouncy Castle TLS (bctls)");

    private final String displayName;

    Engine(String displayName) {
        this.displayName = displayName;
    }

    /** For logs and messages, e.g. {@code BoringSSL (netty-tcnative)}. */
    public String displayName() {
        return displayName;
    }

    /** {@code boringssl}, {@code jsse} or {@code bctls}, any case. */
    public static Engine parse(String name) {
        for (Engine engine : values()) {
            if (engine.name().equalsIgnoreCase(name.trim())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; use boringssl, jsse or bctls");
    }
}
