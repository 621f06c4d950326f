package io.tlsconnector.http;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The mod_ssl FAQ's relative HTTP/HTTPS switch (F11) as a servlet filter: a path ending in the SSL
 * marker ({@code _SSL}) is redirected to the same path without the marker over HTTPS, one ending in the
 * no-SSL marker ({@code _NOSSL}) to the same path over HTTP — the FAQ's
 * {@code RewriteRule ^/(.*)_SSL$ https://%{SERVER_NAME}/$1 [R,L]} and its {@code _NOSSL} twin. Other
 * requests pass. For "always HTTPS" prefer the redirect connector plus HSTS.
 *
 * <p>Init parameters (web.xml) override the defaults: {@code sslMarker}, {@code noSslMarker},
 * {@code httpsPort} (default 443), {@code httpPort} (default 80), {@code status} (default 302, as
 * mod_rewrite's {@code [R]}).
 */
public final class MarkerRedirectFilter implements Filter {
    private String sslMarker;
    private String noSslMarker;
    private int httpsPort;
    private int httpPort;
    private int status;

    /** The FAQ's markers, ports 443 and 80, status 302. */
    public MarkerRedirectFilter() {
        this("_SSL", "_NOSSL", 443, 80, 302);
    }

    public MarkerRedirectFilter(String sslMarker, String noSslMarker, int httpsPort, int httpPort, int status) {
        configure(sslMarker, noSslMarker, httpsPort, httpPort, status);
    }

    private void configure(String ssl, String noSsl, int https, int http, int code) {
        this.sslMarker = requireMarker(ssl, "sslMarker");
        this.noSslMarker = requireMarker(noSsl, "noSslMarker");
        if (ssl.endsWith(noSsl) || noSsl.endsWith(ssl)) {
            throw new IllegalArgumentException("sslMarker '" + ssl + "' and noSslMarker '" + noSsl
                    + "' must not end in each other, or a path could carry both; pick e.g. _SSL and _NOSSL");
        }
        this.httpsPort = https;
        this.httpPort = http;
        new HttpsRedirect(code, 0); // checks the status
        this.status = code;
    }

    private static String requireMarker(String marker, String name) {
        if (Objects.requireNonNull(marker, name).isEmpty() || marker.contains("/")) {
            throw new IllegalArgumentException(name + " must be a non-empty path suffix without '/', was '" + marker + "'");
        }
        return marker;
    }

    @Override
    public void init(FilterConfig config) {
        configure(parameter(config, "sslMarker", sslMarker), parameter(config, "noSslMarker", noSslMarker),
                Integer.parseInt(parameter(config, "httpsPort", Integer.toString(httpsPort))),
                Integer.parseInt(parameter(config, "httpPort", Integer.toString(httpPort))),
                Integer.parseInt(parameter(config, "status", Integer.toString(status))));
    }

    private static String parameter(FilterConfig config, String name, String fallback) {
        String value = config.getInitParameter(name);
        return value == null ? fallback : value.strip();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
            // The container's server name comes from the Host header on HTTP/1.1 and from :authority on
            // HTTP/2, which has no Host header.
            String location = location(http.getRequestURI(), http.getQueryString(), http.getServerName());
            if (location != null) {
                out.setStatus(status);
                out.setHeader("Location", location);
                out.setContentLength(0);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The redirect target for this request, or null when its path carries no marker. */
    String location(String path, String query, String host) {
        if (path == null) {
            return null;
        }
        if (path.endsWith(sslMarker)) {
            return SchemeSwitch.url("https", host, httpsPort, path.substring(0, path.length() - sslMarker.length()), query);
        }
        if (path.endsWith(noSslMarker)) {
            return SchemeSwitch.url("http", host, httpPort, path.substring(0, path.length() - noSslMarker.length()), query);
        }
        return null;
    }
}
