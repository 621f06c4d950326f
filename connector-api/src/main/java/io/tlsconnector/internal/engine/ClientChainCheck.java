package io.tlsconnector.internal.engine;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.pki.CertificateValidity;

/**
 * Verifies a client's certificate chain the way OpenSSL does for mod_ssl: builds the path from what the
 * client sent to a trusted CA, then checks the verify depth (mod_ssl's SSLVerifyDepth), the CRLs
 * (SSLCARevocationCheck) and the validity dates, and names the problem with OpenSSL's
 * {@code X509_verify_cert_error_string}.
 */
final class ClientChainCheck {
    /** OpenSSL's words for the errors mod_ssl's {@code optional_no_ca} tolerates: only "no trusted issuer". */
    static final String SELF_SIGNED = "self-signed certificate";
    static final String SELF_SIGNED_IN_CHAIN = "self-signed certificate in certificate chain";
    static final String NO_LOCAL_ISSUER = "unable to get local issuer certificate";
    static final String LEAF_SIGNATURE = "unable to verify the first certificate";

    /**
     * @param error    null when the chain verified, else OpenSSL's reason
     * @param noCaOnly true when the only problem is that no trusted CA issued the chain (what
     *                 {@code optional_no_ca} accepts)
     */
    record Outcome(String error, boolean noCaOnly) {
        static final Outcome OK = new Outcome(null, false);

        boolean ok() {
            return error == null;
        }
    }

    private final List<X509Certificate> trusted;
    private final List<X509CRL> crls;
    private final RevocationCheck revocation;
    private final int depth;
    private final ClientOcspCheck ocsp;

    ClientChainCheck(List<X509Certificate> trusted, List<X509CRL> crls, RevocationCheck revocation, int depth) {
        this(trusted, crls, revocation, depth, null);
    }

    /** @param ocsp the OCSP check after the CRL checks, or null for none */
    ClientChainCheck(List<X509Certificate> trusted, List<X509CRL> crls, RevocationCheck revocation, int depth, ClientOcspCheck ocsp) {
        this.trusted = List.copyOf(trusted);
        this.crls = List.copyOf(crls);
        this.revocation = revocation;
        this.depth = depth;
        this.ocsp = ocsp;
    }

    /** Trusted CAs only, no CRLs, any depth: the chain check alone. */
    static ClientChainCheck trusting(List<X509Certificate> trusted) {
        return new ClientChainCheck(trusted, List.of(), RevocationCheck.NONE, Integer.MAX_VALUE);
    }

    /** {@code SUCCESS}, or {@code FAILED:<OpenSSL's reason>}, for a non-empty chain as the client sent it. */
    String verify(List<X509Certificate> sent, Instant now) {
        Outcome outcome = check(sent, now, false);
        return outcome.ok() ? "SUCCESS" : "FAILED:" + outcome.error();
    }

    /**
     * The handshake's check; {@code withOcsp} false leaves the OCSP check out (SSL_CLIENT_VERIFY of a chain the
     * handshake accepted, which already passed it).
     */
    Outcome check(List<X509Certificate> sent, Instant now, boolean withOcsp) {
        List<X509Certificate> path = new ArrayList<>();
        String untrusted = buildPath(sent, path);
        if (untrusted != null && !untrusted.equals(NO_LOCAL_ISSUER) && !untrusted.equals(SELF_SIGNED)
                && !untrusted.equals(SELF_SIGNED_IN_CHAIN)) {
            return new Outcome(untrusted, false);
        }
        // OpenSSL's error depth of the topmost certificate is path.size() - 1; mod_ssl refuses it above SSLVerifyDepth.
        if (path.size() - 1 > depth) {
            return new Outcome("certificate chain too long", false);
        }
        String revoked = checkRevocation(path, now);
        if (revoked == null && withOcsp && ocsp != null && untrusted == null) {
            revoked = ocsp.check(path, now);
        }
        if (revoked != null) {
            return new Outcome(revoked, false);
        }
        String dates = checkDates(path, now);
        if (dates != null) {
            return new Outcome(dates, false);
        }
        if (untrusted == null) {
            return Outcome.OK;
        }
        // OpenSSL goes on after a tolerated error and SSL_CLIENT_VERIFY shows the last one: a lone leaf whose
        // issuer is unknown also cannot have its signature checked (X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE).
        return new Outcome(untrusted.equals(NO_LOCAL_ISSUER) && path.size() == 1 ? LEAF_SIGNATURE : untrusted, true);
    }

    /** Fills {@code path} from the leaf up; returns null when it ends at a trusted CA, else why not. */
    private String buildPath(List<X509Certificate> sent, List<X509Certificate> path) {
        X509Certificate current = sent.get(0);
        path.add(current);
        while (true) {
            if (trusted.contains(current)) {
                return completeTrusted(path);
            }
            X509Certificate anchor = issuerAmong(current, trusted);
            if (anchor != null) {
                path.add(anchor);
                return completeTrusted(path);
            }
            if (selfIssued(current)) {
                return path.size() == 1 ? SELF_SIGNED : SELF_SIGNED_IN_CHAIN;
            }
            X509Certificate next = issuerAmong(current, sent);
            if (next == null || path.contains(next)) {
                X509Certificate named = nameMatch(current, sent);
                return named != null && !path.contains(named) ? "certificate signature failure" : NO_LOCAL_ISSUER;
            }
            if (!isCa(next)) {
                return "invalid CA certificate";
            }
            path.add(next);
            current = next;
        }
    }

    /** As OpenSSL without partial chains: from the first trusted certificate on to a self-signed trusted root. */
    private String completeTrusted(List<X509Certificate> path) {
        X509Certificate top = path.get(path.size() - 1);
        while (!selfIssued(top)) {
            X509Certificate issuer = issuerAmong(top, trusted);
            if (issuer == null || path.contains(issuer)) {
                return "unable to get issuer certificate";
            }
            path.add(issuer);
            top = issuer;
        }
        return null;
    }

    private String checkRevocation(List<X509Certificate> path, Instant now) {
        int last = switch (revocation.mode()) {
            case NONE -> -1;
            case LEAF -> 0;
            case CHAIN -> path.size() - 1;
        };
        for (int i = 0; i <= last; i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : selfIssued(cert) ? cert : null;
            if (issuer == null) {
                // the top of a chain no trusted CA issued (optional_no_ca): its issuer, and so the CRL's signer, is unknown
                if (crls.stream().noneMatch(c -> c.getIssuerX500Principal().equals(cert.getIssuerX500Principal()))) {
                    if (revocation.noCrlForCertOk()) {
                        continue;
                    }
                    return "unable to get certificate CRL";
                }
                return "unable to get CRL issuer certificate";
            }
            X509CRL crl = crlOf(issuer);
            if (crl == null) {
                if (revocation.noCrlForCertOk()) {
                    continue;
                }
                return "unable to get certificate CRL";
            }
            if (crl.getNextUpdate() != null && Date.from(now).after(crl.getNextUpdate())) {
                return "CRL has expired";
            }
            if (Date.from(now).before(crl.getThisUpdate())) {
                return "CRL is not yet valid";
            }
            if (crl.getRevokedCertificate(cert) != null) {
                return "certificate revoked";
            }
        }
        return null;
    }

    private X509CRL crlOf(X509Certificate issuer) {
        for (X509CRL crl : crls) {
            if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                try {
                    crl.verify(issuer.getPublicKey());
                    return crl;
                } catch (GeneralSecurityException e) {
                    // another CA of the same name, or a forged CRL: not this issuer's
                }
            }
        }
        return null;
    }

    /** OpenSSL checks the dates from the top of the chain down; the topmost problem is the one reported. */
    private static String checkDates(List<X509Certificate> path, Instant now) {
        for (int i = path.size() - 1; i >= 0; i--) {
            CertificateValidity validity = CertificateValidity.of(path.get(i), now);
            if (validity.expired()) {
                return "certificate has expired";
            }
            if (validity.notYetValid()) {
                return "certificate is not yet valid";
            }
        }
        return null;
    }

    private static X509Certificate issuerAmong(X509Certificate c, List<X509Certificate> candidates) {
        for (X509Certificate ca : candidates) {
            if (ca != c && ca.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, ca)) {
                return ca;
            }
        }
        return null;
    }

    private static X509Certificate nameMatch(X509Certificate c, List<X509Certificate> candidates) {
        for (X509Certificate ca : candidates) {
            if (ca != c && ca.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return ca;
            }
        }
        return null;
    }

    private static boolean isCa(X509Certificate c) {
        return c.getVersion() < 3 || c.getBasicConstraints() >= 0;
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
