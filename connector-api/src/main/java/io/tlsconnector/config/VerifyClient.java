package io.tlsconnector.config;

import java.util.Locale;

/** mod_ssl's {@code SSLVerifyClient}: whether a virtual host asks clients for a certificate. */
public enum VerifyClient {
    /** No client certificate is requested (the default). */
    NONE,
    /**
     * A certificate is requested; a client may send none, but one it sends must verify against the
     * {@code caCertificateFile}, or the handshake fails.
     */
    OPTIONAL,
    /** A certificate verifying against the {@code caCertificateFile} is required. */
    REQUIRE,
    /**
     * A certificate is requested and accepted even when it does not verify; the outcome is reported
     * in {@code SSL_CLIENT_VERIFY} ({@code SUCCESS}, {@code GENEROUS} on TLS 1.2 as mod_ssl, or {@code FAILED:<reason>}) for the application
     * to decide.
     */
    OPTIONAL_NO_CA;

    /**
     * Reads an {@code SSLVerifyClient} argument: {@code none}, {@code optional}, {@code require},
     * {@code optional_no_ca}, or the aliases {@code off} (none) and {@code on} (require).
     *
     * @throws IllegalArgumentException for any other word, naming the accepted ones
     */
    public static VerifyClient parse(String level) {
        return switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "none", "off" -> NONE;
            case "optional" -> OPTIONAL;
            case "require", "on" -> REQUIRE;
            case "optional_no_ca" -> OPTIONAL_NO_CA;
            default -> throw new IllegalArgumentException("SSLVerifyClient '" + level.trim()
                    + "' is unknown; use none, optional, require or optional_no_ca");
        };
    }
}
