package io.tlsconnector.http;

import io.tlsconnector.config.VirtualHost;

/** The host name a request names in its Host header (or HTTP/2 {@code :authority}), as virtual hosts are matched. */
public final class HostHeader {
    private HostHeader() {
    }

    /** The host name of a Host header: port and IPv6 brackets removed, lower case; null when blank. */
    public static String name(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.lastIndexOf(':');
        return VirtualHost.normalize(colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host);
    }
}
