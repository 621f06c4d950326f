package io.tlsconnector.http;

import java.util.Set;

/**
 * How the plain HTTP connector sends clients to HTTPS (F5): the status and the HTTPS port. The
 * adapters' {@code addHttpRedirect} helpers answer every request on the HTTP port with it.
 *
 * @param status    301 or 308 (permanent; 308 keeps the method and body), or 302/303/307
 * @param httpsPort the port in the Location header; 0 means the adapter's TLS connector port, 443 is left out
 * @param host      the host name in the Location header; null for the request's own (its Host header's)
 */
public record HttpsRedirect(int status, int httpsPort, String host) {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** To the request's own host name. */
    public HttpsRedirect(int status, int httpsPort) {
        this(status, httpsPort, null);
    }

    public HttpsRedirect {
        if (!REDIRECTS.contains(status)) {
            throw new IllegalArgumentException("HTTPS redirect status must be one of 301, 302, 303, 307, 308, was " + status);
        }
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("HTTPS redirect port must be 0..65535, was " + httpsPort);
        }
    }

    /** 301 Moved Permanently to the TLS connector's port. */
    public static HttpsRedirect permanent() {
        return new HttpsRedirect(301, 0);
    }

    public HttpsRedirect withStatus(int newStatus) {
        return new HttpsRedirect(newStatus, httpsPort, host);
    }

    public HttpsRedirect toPort(int port) {
        return new HttpsRedirect(status, port, host);
    }

    /** Always to {@code name} (httpd's {@code Redirect / https://www.example.com/}), whatever host the request named. */
    public HttpsRedirect toHost(String name) {
        return new HttpsRedirect(status, httpsPort, name);
    }

    /**
     * The Location for a request.
     *
     * @param hostHeader the request's Host header (its port is replaced), or the server's address when absent
     * @param tlsPort    the adapter's TLS connector port, used when {@link #httpsPort()} is 0
     * @param path       the raw request path, e.g. {@code /a/b}
     * @param query      the raw query string, or null
     */
    public String location(String hostHeader, int tlsPort, String path, String query) {
        int port = httpsPort != 0 ? httpsPort : tlsPort;
        return SchemeSwitch.url("https", host != null ? host : hostHeader, port, path, query);
    }
}
