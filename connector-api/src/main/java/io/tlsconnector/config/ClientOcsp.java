package io.tlsconnector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * OCSP checking of client certificates (mod_ssl SSLOCSPEnable, SSLOCSPDefaultResponder,
 * SSLOCSPOverrideResponder, SSLOCSPResponderTimeout), run after the CRL checks on chains that end at a
 * trusted CA.
 *
 * @param mode              which certificates are checked: {@link RevocationCheck.Mode#LEAF} the client's own,
 *                          {@link RevocationCheck.Mode#CHAIN} every one below the trusted root, or none
 * @param defaultResponder  the responder for certificates without an OCSP URL in their AIA extension; may be null
 * @param overrideResponder ask {@code defaultResponder} even when a certificate names its own
 * @param timeout           how long one responder may take (mod_ssl's default: 10 seconds)
 * @param failOpen          true: a responder that cannot be reached or answers nonsense lets the certificate
 *                          pass (logged); false (mod_ssl's way): the verification fails
 * @param noOcspForCertOk   mod_ssl's {@code no_ocsp_for_cert_ok}: a certificate without any responder passes
 */
public record ClientOcsp(RevocationCheck.Mode mode, URI defaultResponder, boolean overrideResponder, Duration timeout,
                         boolean failOpen, boolean noOcspForCertOk) {
    /** No OCSP checks (mod_ssl's default). */
    public static final ClientOcsp OFF = new ClientOcsp(RevocationCheck.Mode.NONE, null, false, Duration.ofSeconds(10), false, false);

    public ClientOcsp {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (overrideResponder && defaultResponder == null) {
            throw new IllegalArgumentException("SSLOCSPOverrideResponder needs SSLOCSPDefaultResponder: give the responder URL");
        }
    }

    /** Checks the client's own certificate with the responder its AIA extension names, mod_ssl's timeout, failing closed. */
    public static ClientOcsp leaf() {
        return new ClientOcsp(RevocationCheck.Mode.LEAF, null, false, Duration.ofSeconds(10), false, false);
    }

    public boolean enabled() {
        return mode != RevocationCheck.Mode.NONE;
    }
}
