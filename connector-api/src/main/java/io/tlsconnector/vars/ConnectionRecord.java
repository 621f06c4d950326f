package io.tlsconnector.vars;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import io.tlsconnector.config.SslOption;
import io.tlsconnector.internal.engine.ClientHello;
import io.tlsconnector.internal.engine.LoadedHost;

/**
 * What a request sees of its TLS connection, kept by the adapter for the connection's life: the
 * virtual host that served it, what the client offered, and the SSL_* variables, computed once per
 * TLS session and shared by every keep-alive request and HTTP/2 stream. Kept on the connection, not
 * on the {@link SSLSession}: a value bound to a JSSE session stops stateless session tickets.
 */
public final class ConnectionRecord {
    private final LoadedHost host;
    private final ClientHello clientHello;
    private final SSLEngine engine;
    private final long openedAtMillis;
    private SSLSession variablesSession;
    private SslVariables variables;
    /** Variables under path options other than the host's, per option set; few per connection. */
    private Map<Set<SslOption>, SslVariables> variablesWithPathOptions;
    private String tls13SessionId;
    /** The request attributes of {@link #attributesSession} under {@link #attributesOptions}. */
    private Map<String, Object> attributes;
    private SSLSession attributesSession;
    private Set<SslOption> attributesOptions;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param host        the virtual host whose context made the connection's engine
     * @param clientHello what the client offered; {@code null} when it could not be read
     * @param engine      the engine {@code host} made for the connection (before any adapter wrapping)
     */
    public ConnectionRecord(LoadedHost host, ClientHello clientHello, SSLEngine engine) {
        this.host = host;
        this.clientHello = clientHello;
        this.engine = engine;
        this.openedAtMillis = System.currentTimeMillis();
    }

    /**
     * Whether {@code session} was resumed rather than negotiated on this connection: the engine's own
     * answer where it has one (BoringSSL), else a session older than the connection was resumed (JSSE).
     */
    public boolean resumed(SSLSession session) {
        return LoadedHost.resumed(engine).orElse(session.getCreationTime() < openedAtMillis);
    }

    /** Frees what the engine holds outside the heap; adapters call it when the connection closes. */
    public void release() {
        LoadedHost.release(engine);
    }

    public LoadedHost host() {
        return host;
    }

    /** What the client offered; {@code null} when the hello could not be read and the default host answered. */
    public ClientHello clientHello() {
        return clientHello;
    }

    /** The SNI name as the client sent it, or {@code null}. */
    public String sni() {
        return clientHello == null ? null : clientHello.serverName();
    }

    /** The SSL_* variables of {@code session}, computed on first use and kept while the session lasts. */
    public synchronized SslVariables sslVariables(SSLSession session) {
        if (variables == null || variablesSession != session) {
            variables = SslVariables.of(session, host, clientHello, resumed(session), engineSessionId(session));
            variablesSession = session;
            variablesWithPathOptions = null;
        }
        return variables;
    }

    /**
     * The SSL_* variables of {@code session} under the SslOptions a path rule put in force for one
     * request; the host's own when {@code options} are the host's.
     */
    public synchronized SslVariables sslVariables(SSLSession session, Set<SslOption> options) {
        SslVariables own = sslVariables(session);
        if (options.equals(host.virtualHost().options())) {
            return own;
        }
        if (variablesWithPathOptions == null) {
            variablesWithPathOptions = new HashMap<>();
        }
        return variablesWithPathOptions.computeIfAbsent(Set.copyOf(options),
                o -> SslVariables.of(session, host, clientHello, resumed(session), engineSessionId(session), o));
    }

    /**
     * The session id for a TLS 1.3 session that shows none: BoringSSL keeps none where OpenSSL (and so
     * mod_ssl's SSL_SESSION_ID) has a random 32-byte one, so such a connection draws one of its own, once.
     */
    private String engineSessionId(SSLSession session) {
        if (tls13SessionId == null && session.getId().length == 0 && "TLSv1.3".equals(session.getProtocol())) {
            byte[] id = new byte[32];
            RANDOM.nextBytes(id);
            tls13SessionId = HexFormat.of().formatHex(id);
        }
        return tls13SessionId;
    }

    /**
     * Every request attribute the connector adds: {@link TlsRequestAttributes}, the SSL_* variables
     * the host's SslOptions export (F10), and the {@link SslVariables} object under
     * {@value SslVariables#ATTRIBUTE}.
     */
    public Map<String, Object> requestAttributes(SSLSession session) {
        return requestAttributes(session, host.virtualHost().options());
    }

    /**
     * As {@link #requestAttributes(SSLSession)}, exporting what {@code options} (a path's SslOptions) export. The map
     * is unmodifiable and made once per session and options: every keep-alive request and stream gets the same one.
     */
    public synchronized Map<String, Object> requestAttributes(SSLSession session, Set<SslOption> options) {
        if (attributes == null || attributesSession != session
                || (attributesOptions != options && !attributesOptions.equals(options))) {
            attributes = computeRequestAttributes(session, options);
            attributesSession = session;
            attributesOptions = options;
        }
        return attributes;
    }

    private Map<String, Object> computeRequestAttributes(SSLSession session, Set<SslOption> options) {
        Map<String, Object> attributes = new LinkedHashMap<>(TlsRequestAttributes.of(host, sni(), session,
                LoadedHost.resumed(engine)));
        if (session.getId().length == 0) {
            // The container would say null (Tomcat) or "" (Jetty); servlets get the id SSL_SESSION_ID shows.
            String id = engineSessionId(session);
            if (id != null) {
                attributes.put(TlsRequestAttributes.SSL_SESSION_ID, id);
            }
        }
        if (SslVariables.exportsBeyondAlways(options)) {
            SslVariables all = sslVariables(session, options);
            attributes.putAll(all.exported());
            attributes.put(SslVariables.ATTRIBUTE, all);
            return java.util.Collections.unmodifiableMap(attributes);
        }
        // Nothing beyond HTTPS and SSL_TLS_SNI is exported: the variables (tens of KB, computed once per session) wait
        // until someone asks for the SslVariables attribute itself.
        attributes.putAll(SslVariables.alwaysExported(session, clientHello));
        return new LazyVariables(attributes, () -> sslVariables(session, options));
    }

    /**
     * The names of {@code attributes} (a map of {@link #requestAttributes}) whose value is computed only when read:
     * {@value SslVariables#ATTRIBUTE} when the options export nothing beyond {@code HTTPS} and {@code SSL_TLS_SNI}.
     * A container that copies attributes onto its request one by one leaves these to a request wrapper.
     */
    public static Set<String> deferredAttributes(Map<String, Object> attributes) {
        return attributes instanceof LazyVariables ? Set.of(SslVariables.ATTRIBUTE) : Set.of();
    }

    /** Request attributes whose {@value SslVariables#ATTRIBUTE} entry is computed on first read. */
    private static final class LazyVariables extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> eager;
        private final java.util.function.Supplier<SslVariables> variables;
        private Map<String, Object> complete;
        /** The names, made once: the map serves every request of the session. */
        private volatile Set<String> keys;

        LazyVariables(Map<String, Object> eager, java.util.function.Supplier<SslVariables> variables) {
            this.eager = eager;
            this.variables = variables;
        }

        @Override
        public Object get(Object key) {
            return SslVariables.ATTRIBUTE.equals(key) ? complete().get(key) : eager.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return SslVariables.ATTRIBUTE.equals(key) || eager.containsKey(key);
        }

        @Override
        public Set<String> keySet() {
            Set<String> names = keys;
            if (names == null) {
                Set<String> all = new java.util.LinkedHashSet<>(eager.keySet());
                all.add(SslVariables.ATTRIBUTE);
                names = java.util.Collections.unmodifiableSet(all);
                keys = names;
            }
            return names;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return complete().entrySet();
        }

        private synchronized Map<String, Object> complete() {
            if (complete == null) {
                Map<String, Object> all = new LinkedHashMap<>(eager);
                all.put(SslVariables.ATTRIBUTE, variables.get());
                complete = java.util.Collections.unmodifiableMap(all);
            }
            return complete;
        }
    }
}
