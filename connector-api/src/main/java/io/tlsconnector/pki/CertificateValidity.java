package io.tlsconnector.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate's validity period seen at one instant: the one reading of notBefore and notAfter that
 * start-up's warnings, {@code tlsctl inspect}, {@code tlsctl doctor} and the client-chain check share.
 *
 * @param notBefore the certificate's notBefore
 * @param notAfter  the certificate's notAfter
 * @param now       the instant it is judged at
 */
public record CertificateValidity(Instant notBefore, Instant notAfter, Instant now) {
    public CertificateValidity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(now, "now");
    }

    public static CertificateValidity of(X509Certificate certificate, Instant now) {
        return new CertificateValidity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now);
    }

    /** Past its notAfter: clients refuse it. */
    public boolean expired() {
        return notAfter.isBefore(now);
    }

    /** Not expired, but ending within {@link KeyMaterialLoader#EXPIRY_WARNING}: time to renew it. */
    public boolean expiresSoon() {
        return !expired() && notAfter.isBefore(now.plus(KeyMaterialLoader.EXPIRY_WARNING));
    }

    /** Before its notBefore: a wrong clock, or a certificate issued for later. */
    public boolean notYetValid() {
        return notBefore.isAfter(now);
    }

    /** Whole days from {@code now} to notAfter (negative once expired). */
    public long daysLeft() {
        return Duration.between(now, notAfter).toDays();
    }
}
