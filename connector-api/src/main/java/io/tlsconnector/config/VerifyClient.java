package io.tlsconnector.config;

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
     * in {@code SSL_CLIENT_VERIFY} ({@code SUCCESS} or {@code FAILED:<reason>}) for the application
     * to decide.
     */
    OPTIONAL_NO_CA
}
