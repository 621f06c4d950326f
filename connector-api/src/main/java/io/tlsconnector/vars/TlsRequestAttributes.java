package io.tlsconnector.vars;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import io.tlsconnector.internal.engine.LoadedHost;

/**
 * The request attributes both adapters add to what their container sets by itself, under one set of
 * names so an application sees the same thing on Jetty and on Tomcat; every request attribute name the
 * connector sets or reads is here.
 */
public final class TlsRequestAttributes {
    /** The negotiated protocol, e.g. {@code TLSv1.3} (Servlet 6.1's name; Tomcat sets it, Jetty's ee10 does not). */
    public static final String SECURE_PROTOCOL = "jakarta.servlet.request.secure_protocol";
    /** The session id in hex (the Servlet name); the adapters set it where the engine's session shows none (TLS 1.3 on BoringSSL). */
    public static final String SSL_SESSION_ID = "jakarta.servlet.request.ssl_session_id";
    /** The server name of the virtual host that served the connection. */
    public static final String VIRTUAL_HOST = "io.tlsconnector.virtual_host";
    /** The SNI name the client sent; absent when it sent none. */
    public static final String SNI = "io.tlsconnector.sni";
    /**
     * mod_ssl's SSL_SESSION_RESUMED: {@code Resumed} or {@code Initial}; absent when the engine cannot
     * tell (JSSE).
     */
    public static final String SESSION_RESUMED = "io.tlsconnector.session_resumed";
    /** The request's {@code SslVariables} object, whatever the host's SslOptions (public as {@code SslVariables.ATTRIBUTE}). */
    public static final String SSL_VARIABLES = "io.tlsconnector.ssl_variables";
    /** The client's certificate chain, leaf first, as {@code X509Certificate[]} (the Servlet name; both containers set it). */
    public static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private TlsRequestAttributes() {
    }

    /**
     * The attributes for a request on {@code session}, served by {@code host}; {@code sni} is the name
     * the client sent, or {@code null}.
     */
    public static Map<String, Object> of(LoadedHost host, String sni, SSLSession session) {
        return of(host, sni, session, Optional.empty());
    }

    /** As {@link #of(LoadedHost, String, SSLSession)}, with whether the handshake resumed a session, if known. */
    public static Map<String, Object> of(LoadedHost host, String sni, SSLSession session, Optional<Boolean> resumed) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        resumed.ifPresent(r -> attributes.put(SESSION_RESUMED, r ? "Resumed" : "Initial"));
        attributes.put(SECURE_PROTOCOL, session.getProtocol());
        attributes.put(VIRTUAL_HOST, host.serverName());
        if (sni != null) {
            attributes.put(SNI, sni);
        }
        return attributes;
    }

    /** The SNI host name recorded in a server-side session, or {@code null} when the client sent none. */
    public static String requestedServerName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName hostName) {
                    return hostName.getAsciiName();
                }
            }
        }
        return null;
    }
}
