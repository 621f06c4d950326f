package io.tlsconnector.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.config.Hsts;
import io.tlsconnector.http.HostHeader;
import io.tlsconnector.http.PathPolicy;
import io.tlsconnector.http.PathPolicy;
import io.tlsconnector.internal.engine.RateLimit;

/**
 * What happens to one HTTPS request before the application sees it, decided the same way for every
 * adapter: the strict SNI check (F31), the HSTS header (F5) and the client quirks (F34). Adapters only
 * apply the {@link Decision}.
 */
final class RequestPolicy {
    /** 421 Misdirected Request (RFC 9110 §15.5.20). */
    public static final int MISDIRECTED_REQUEST = 421;
    /** 403, mod_ssl's answer to a request without SNI for a name-based virtual host. */
    public static final int FORBIDDEN = 403;
    /** 400, mod_ssl's answer to a request with SNI but without a host name. */
    public static final int BAD_REQUEST = 400;

    private static final Logger log = LoggerFactory.getLogger(RequestPolicy.class);
    /** One INFO line per client, handshake host and requested host per minute. */
    private static final RateLimit REFUSALS = new RateLimit(java.time.Duration.ofMinutes(1), 4096);

    private RequestPolicy() {
    }

    /**
     * @param status  0 to let the request through, else the status to answer with
     * @param reason  why it is refused; null when it is not
     * @param headers response headers to add (HSTS, {@code Connection: close})
     * @param quirks  the client workarounds that apply to this request
     * @param host    the virtual host the request is for: its Host header's, else the handshake's; its path
     *                rules ({@link PathPolicy}) apply
     */
    public record Decision(int status, String reason, Map<String, String> headers, Set<ClientQuirk> quirks, LoadedHost host) {
        public Decision {
            headers = Map.copyOf(headers);
            quirks = Set.copyOf(quirks);
        }

        public boolean refused() {
            return status != 0;
        }

        public boolean has(ClientQuirk quirk) {
            return quirks.contains(quirk);
        }
    }

    /**
     * @param runtime    the runtime that served the connection
     * @param served     the host whose context made the connection's engine
     * @param sni        the SNI name the client sent, or {@code null}
     * @param hostHeader the Host header (or HTTP/2 {@code :authority}), possibly with a port; may be null
     * @param userAgent  the User-Agent header, or {@code null}
     * @param http2      true for an HTTP/2 request: client quirks (workarounds for old HTTP/1 clients,
     *                   which would close every stream of the connection) and connection headers do not apply
     */
    public static Decision decide(TlsRuntime runtime, LoadedHost served, String sni, String hostHeader, String userAgent,
                                  boolean http2) {
        return decide(runtime, served, sni, hostHeader, userAgent, http2, null);
    }

    /**
     * As above; {@code client} (the peer's address, may be null) rate-limits the log line of a request
     * refused for crossing into an incompatible host.
     */
    public static Decision decide(TlsRuntime runtime, LoadedHost served, String sni, String hostHeader, String userAgent,
                                  boolean http2, String client) {
        TlsConfig.Operations operations = runtime.config().operations();
        String host = HostHeader.name(hostHeader);
        // Resolved once: the HSTS policy, both host checks and the path rules all ask for this host.
        LoadedHost requested = host == null ? served : runtime.hostFor(host);
        Map<String, String> headers = new LinkedHashMap<>();
        String hsts = hstsHeader(runtime, requested.virtualHost());
        if (hsts != null) {
            headers.put("Strict-Transport-Security", hsts);
        }
        Set<ClientQuirk> quirks = http2 ? Set.of() : operations.clientQuirks().forUserAgent(userAgent);
        if (quirks.contains(ClientQuirk.NOKEEPALIVE) || quirks.contains(ClientQuirk.DOWNGRADE_1_0)) {
            headers.put("Connection", "close");
        }
        if (!quirks.isEmpty()) {
            log.debug("Client quirks {} for User-Agent '{}'", quirks, userAgent);
        }
        String refusal = operations.strictSniVHostCheck() ? strictSniRefusal(runtime, served, sni, host, requested) : null;
        if (refusal == null && host != null) {
            refusal = incompatibleHostRefusal(served, sni, host, requested);
            if (refusal != null) {
                if (REFUSALS.permit(client + " " + served.serverName() + " " + host)) {
                    log.info("{}", refusal);
                }
                return new Decision(MISDIRECTED_REQUEST, refusal, headers, quirks, requested);
            }
        }
        if (refusal == null) {
            return new Decision(0, null, headers, quirks, requested);
        }
        log.info("{}", refusal);
        int status = sni == null ? FORBIDDEN : host == null ? BAD_REQUEST : MISDIRECTED_REQUEST;
        return new Decision(status, refusal, headers, quirks, requested);
    }

    /**
     * The Strict-Transport-Security value for a response to a request for {@code hostHeader} on a connection
     * {@code served} made: the requested host's own policy, else the configuration's; null for none. As
     * httpd's {@code Header always}, it belongs on every response, refusals and error pages included.
     */
    public static String hstsHeader(TlsRuntime runtime, LoadedHost served, String hostHeader) {
        String requestedName = HostHeader.name(hostHeader);
        return hstsHeader(runtime, requestedName == null ? served.virtualHost() : runtime.hostFor(requestedName).virtualHost());
    }

    private static String hstsHeader(TlsRuntime runtime, VirtualHost requested) {
        Hsts hsts = requested.hsts().orElse(runtime.config().operations().hsts());
        return hsts.enabled() ? hsts.headerValue() : null;
    }

    /**
     * mod_ssl's check without strict SNI: a request whose Host selects another virtual host than the
     * handshake did (a Host matching none selects the default host) is served only when the two hosts'
     * TLS settings are compatible ({@link HostCompatibility}).
     */
    private static String incompatibleHostRefusal(LoadedHost served, String sni, String host, LoadedHost requested) {
        if (requested.virtualHost() == served.virtualHost()) {
            return null;
        }
        List<String> differences = HostCompatibility.differences(served, requested);
        if (differences.isEmpty()) {
            return null;
        }
        return "Hostname " + (sni == null ? "(none)" : sni) + " provided via SNI and hostname " + host + " provided via HTTP have no"
                + " compatible TLS setup: virtual hosts '" + served.serverName() + "' and '" + requested.serverName() + "' differ in "
                + String.join("; ", differences) + "; open a new connection for " + host;
    }

    private static String strictSniRefusal(TlsRuntime runtime, LoadedHost served, String sni, String host, LoadedHost requestedHost) {
        if (host == null) {
            return sni == null ? null : "Hostname " + sni + " provided via SNI, but no hostname provided in the HTTP request";
        }
        VirtualHost requested = requestedHost.virtualHost();
        if (sni == null) {
            return requested == runtime.config().defaultVirtualHost() ? null
                    : "No hostname was provided via SNI for a name based virtual host: the request for " + host
                    + " needs a client that sends SNI (strictSniVHostCheck is on)";
        }
        if (requested != served.virtualHost()) {
            return "Hostname " + sni + " provided via SNI and hostname " + host + " provided via HTTP select different virtual hosts ('"
                    + served.serverName() + "' and '" + requested.serverName() + "'); open a new connection for " + host;
        }
        return null;
    }
}
