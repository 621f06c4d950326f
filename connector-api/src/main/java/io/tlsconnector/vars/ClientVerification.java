package io.tlsconnector.vars;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * {@code SSL_CLIENT_VERIFY} for a certificate the handshake accepted without checking it
 * (SSLVerifyClient optional_no_ca): checks the chain the client sent against the host's CA
 * certificates and names the first problem with OpenSSL's {@code X509_verify_cert_error_string}.
 */
final class ClientVerification {
    private ClientVerification() {
    }

    /** {@code SUCCESS}, or {@code FAILED:<OpenSSL's reason>}. */
    static String verify(List<X509Certificate> sent, List<X509Certificate> trusted, Instant now) {
        X509Certificate leaf = sent.get(0);
        if (isTrusted(leaf, trusted)) {
            return checkDates(List.of(leaf), now);
        }
        if (selfIssued(leaf)) {
            return "FAILED:self-signed certificate";
        }
        for (int i = 0; i < sent.size(); i++) {
            X509Certificate current = sent.get(i);
            X509Certificate anchor = issuerAmong(current, trusted);
            if (anchor != null) {
                return checkDates(sent.subList(0, i + 1), now);
            }
            if (i + 1 < sent.size()) {
                X509Certificate next = sent.get(i + 1);
                if (!current.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
                    break;
                }
                if (!signedBy(current, next)) {
                    return "FAILED:certificate signature failure";
                }
                if (selfIssued(next) && !isTrusted(next, trusted)) {
                    return "FAILED:self-signed certificate in certificate chain";
                }
            }
        }
        return "FAILED:unable to get local issuer certificate";
    }

    private static String checkDates(List<X509Certificate> path, Instant now) {
        Date date = Date.from(now);
        for (X509Certificate c : path) {
            if (date.after(c.getNotAfter())) {
                return "FAILED:certificate has expired";
            }
            if (date.before(c.getNotBefore())) {
                return "FAILED:certificate is not yet valid";
            }
        }
        return "SUCCESS";
    }

    private static boolean isTrusted(X509Certificate c, List<X509Certificate> trusted) {
        return trusted.contains(c);
    }

    private static X509Certificate issuerAmong(X509Certificate c, List<X509Certificate> trusted) {
        for (X509Certificate ca : trusted) {
            if (ca.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, ca)) {
                return ca;
            }
        }
        return null;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
