package io.tlsconnector.http;


/** Builds absolute URLs when a request is sent to the other scheme. */
final class SchemeSwitch {
    private SchemeSwitch() {
    }

    /** {@code scheme://host[:port]path[?query]}, leaving out the scheme's default port. */
    static String url(String scheme, String hostHeader, int port, String path, String query) {
        String host = HostHeader.name(hostHeader);
        if (host == null) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        boolean defaultPort = port <= 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + (path == null || path.isEmpty() ? "/" : path)
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
