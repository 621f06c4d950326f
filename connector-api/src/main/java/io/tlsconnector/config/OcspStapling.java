package io.tlsconnector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * OCSP stapling for a virtual host (mod_ssl SSLUseStapling, SSLStaplingForceURL,
 * SSLStaplingResponderTimeout). The TLS provider (JSSE) fetches the response for the leaf certificate
 * from the responder in its AIA extension, or from {@link #responder()} when set, and staples it; the
 * connector primes that cache when the host's context is built, so the first client does not wait,
 * and rebuilds the context before the response's nextUpdate, keeping the last good one when the
 * responder fails. A responder that cannot be reached never fails a handshake: the client simply
 * gets no staple.
 *
 * @param enabled   whether to staple
 * @param responder the responder to ask instead of the certificate's AIA URL (mod_ssl SSLStaplingForceURL), or null
 * @param timeout   how long one fetch may take (mod_ssl SSLStaplingResponderTimeout)
 */
public record OcspStapling(boolean enabled, URI responder, Duration timeout) {
    /** No stapling (the default). */
    public static final OcspStapling OFF = new OcspStapling(false, null, Duration.ofSeconds(5));

    public OcspStapling {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("OCSP responder timeout must be more than 0 and at most 30 s, was " + timeout);
        }
        if (responder != null && !("http".equalsIgnoreCase(responder.getScheme()) || "https".equalsIgnoreCase(responder.getScheme()))) {
            throw new IllegalArgumentException("OCSP responder must be an http:// URL, was " + responder);
        }
    }

    /** Staple responses from the responder named in the certificate (AIA), with a 5 s timeout. */
    public static OcspStapling fromCertificate() {
        return new OcspStapling(true, null, Duration.ofSeconds(5));
    }

    /** Asks {@code url} instead of the certificate's AIA responder. */
    public OcspStapling withResponder(URI url) {
        return new OcspStapling(enabled, Objects.requireNonNull(url, "url"), timeout);
    }

    public OcspStapling withTimeout(Duration fetchTimeout) {
        return new OcspStapling(enabled, responder, fetchTimeout);
    }
}
