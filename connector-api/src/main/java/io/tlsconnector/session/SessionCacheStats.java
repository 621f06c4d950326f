package io.tlsconnector.session;

import java.util.OptionalLong;

/**
 * The TLS session cache of one virtual host's engine, and the handshakes it served, at one moment
 * (F3): what {@code TlsRuntime.sessionCaches()} reports for each host. The figures count from the
 * moment the host was loaded; a reload starts them again with the new engine contexts.
 *
 * @param serverName     the virtual host
 * @param engine         the engine serving it, e.g. {@code BoringSSL (netty-tcnative)}
 * @param cachedSessions sessions the engine holds now for resumption by session ID (tickets are not held:
 *                       a ticket carries its session to the client)
 * @param cacheLimit     the most sessions the engine's cache holds (SSLSessionCache's budget or the
 *                       engine's default); 0 when the engine has no session cache
 * @param handshakes     handshakes completed
 * @param resumed        those of them that resumed a session, by ID or ticket; empty when the engine cannot
 *                       tell (JSSE)
 */
public record SessionCacheStats(String serverName, String engine, long cachedSessions, long cacheLimit, long handshakes,
                                OptionalLong resumed) {
    /** Handshakes that made a new session; empty when the engine cannot tell. */
    public OptionalLong full() {
        return resumed.isPresent() ? OptionalLong.of(handshakes - resumed.getAsLong()) : OptionalLong.empty();
    }
}
