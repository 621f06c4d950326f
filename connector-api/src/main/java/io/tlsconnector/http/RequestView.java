package io.tlsconnector.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request data an {@code SSLRequire} expression can name ({@code %{REQUEST_URI}}, {@code %{HTTP:Host}}...),
 * read from a servlet request or, before the servlet layer, from a container's own request type.
 */
public interface RequestView {
    String method();

    /** {@code https} or {@code http}. */
    String scheme();

    /** The request path as sent, without the query. */
    String uri();

    /** The query string, or null. */
    String query();

    /** A request header's first value, or null. */
    String header(String name);

    String remoteAddr();

    int remotePort();

    /** The authenticated user, or null (always null before the container authenticates). */
    String remoteUser();

    /** The authentication scheme, or null. */
    String authType();

    String serverName();

    int serverPort();

    /** e.g. {@code HTTP/1.1}. */
    String protocol();

    /** The servlet path info, or null (before the servlet layer: null). */
    String pathInfo();

    /** A servlet request's view. */
    static RequestView of(HttpServletRequest request) {
        return new RequestView() {
            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public String scheme() {
                return request.getScheme();
            }

            @Override
            public String uri() {
                return request.getRequestURI();
            }

            @Override
            public String query() {
                return request.getQueryString();
            }

            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public String remoteAddr() {
                return request.getRemoteAddr();
            }

            @Override
            public int remotePort() {
                return request.getRemotePort();
            }

            @Override
            public String remoteUser() {
                return request.getRemoteUser();
            }

            @Override
            public String authType() {
                return request.getAuthType();
            }

            @Override
            public String serverName() {
                return request.getServerName();
            }

            @Override
            public int serverPort() {
                return request.getServerPort();
            }

            @Override
            public String protocol() {
                return request.getProtocol();
            }

            @Override
            public String pathInfo() {
                return request.getPathInfo();
            }
        };
    }
}
