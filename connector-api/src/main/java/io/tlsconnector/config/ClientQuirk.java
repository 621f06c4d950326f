package io.tlsconnector.config;

import java.util.Locale;

/** The workarounds mod_ssl applies through environment flags set by {@code BrowserMatch} (F34). */
public enum ClientQuirk {
    /** Close the connection after the response (httpd's {@code nokeepalive}). */
    NOKEEPALIVE("nokeepalive"),
    /** Close the TCP connection without sending a TLS close_notify alert (mod_ssl's {@code ssl-unclean-shutdown}). */
    SSL_UNCLEAN_SHUTDOWN("ssl-unclean-shutdown"),
    /**
     * Treat the request as HTTP/1.0 (httpd's {@code downgrade-1.0}): the application sees HTTP/1.0 and
     * the connection closes after the response, as for an HTTP/1.0 client without keep-alive.
     */
    DOWNGRADE_1_0("downgrade-1.0");

    private final String flag;

    ClientQuirk(String flag) {
        this.flag = flag;
    }

    /** The httpd environment flag, e.g. {@code ssl-unclean-shutdown}. */
    public String flag() {
        return flag;
    }

    /** Parses an httpd flag name, case-insensitively. */
    public static ClientQuirk parse(String flag) {
        String wanted = flag.trim().toLowerCase(Locale.ROOT);
        for (ClientQuirk quirk : values()) {
            if (quirk.flag.equals(wanted)) {
                return quirk;
            }
        }
        throw new IllegalArgumentException("unknown client quirk '" + flag + "'; use nokeepalive, ssl-unclean-shutdown or downgrade-1.0");
    }
}
