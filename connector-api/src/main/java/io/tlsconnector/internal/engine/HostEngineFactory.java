package io.tlsconnector.internal.engine;

import java.util.List;

import javax.net.ssl.SSLEngine;

import io.tlsconnector.config.Engine;
import io.tlsconnector.session.TicketKeys;

/**
 * Makes the {@link SSLEngine}s of one virtual host, one implementation per engine (JSSE's, Netty's
 * BoringSSL, Bouncy Castle's TLS classes for TLS-SRP hosts). Each engine it makes already carries the host's protocols, cipher suites and order,
 * client-certificate request and ALPN choice.
 */
interface HostEngineFactory extends AutoCloseable {
    Engine engine();

    /** For logs and messages, e.g. {@code JSSE} or {@code BoringSSL (netty-tcnative)}. */
    default String name() {
        return engine().displayName();
    }

    /** mod_ssl's {@code SSL_VERSION_LIBRARY}: the TLS library and its version. */
    String library();

    /**
     * A server-mode engine with the host's protocols and cipher suites.
     *
     * @param applicationProtocols ALPN ids the engine may select, in server preference; empty leaves ALPN to the adapter
     */
    SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols);

    /** True when this engine can resume sessions issued by another process (shared ticket keys). */
    boolean sharesTicketKeys();

    /** Replaces the session-ticket keys (the first encrypts, all decrypt); only when {@link #sharesTicketKeys()}. */
    void ticketKeys(TicketKeys keys);

    /** Sessions held now in the engine's server-side cache for resumption by session ID. */
    long cachedSessions();

    /** The most sessions that cache holds; 0 when the engine has none. */
    long sessionCacheLimit();

    /** True when {@link LoadedHost#resumed(SSLEngine)} can tell a resumed handshake of this engine's from a full one. */
    default boolean tellsResumption() {
        return true;
    }

    /**
     * True when the engine works on native memory (BoringSSL): handed heap buffers, it copies each wrap's and
     * unwrap's bytes through a temporary direct buffer of its own, so adapters should hand it direct ones.
     */
    default boolean prefersDirectBuffers() {
        return false;
    }

    /** True when the engine seals each buffer of one wrap call in a TLS record of its own (BoringSSL), not all in one. */
    default boolean sealsEachBufferApart() {
        return false;
    }

    /** Engines made and not yet released; always 0 for engines the garbage collector frees. */
    int liveEngines();

    @Override
    void close();
}
