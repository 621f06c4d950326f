package io.tlsconnector.internal.engine;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.ClientOcsp;
import io.tlsconnector.config.RevocationCheck;

/**
 * OCSP checks of a verified client chain (mod_ssl SSLOCSPEnable): asks the responder of each checked
 * certificate (its AIA OCSP URL, or the configured one), within the timeout, and accepts only a response
 * its issuer signed (directly, or through a responder certificate it issued). mod_ssl's words: a revoked
 * certificate is {@code certificate revoked}; no answer, an unknown status or a bad response is
 * {@code application verification failure} unless the settings fail open.
 */
final class ClientOcspCheck {
    static final String FAILURE = "application verification failure";
    private static final Logger log = LoggerFactory.getLogger(ClientOcspCheck.class);

    private final ClientOcsp settings;

    ClientOcspCheck(ClientOcsp settings) {
        this.settings = settings;
    }

    /** Null when every checked certificate is good, else OpenSSL's reason. {@code path} ends at a trusted root. */
    String check(List<X509Certificate> path, Instant now) {
        int last = settings.mode() == RevocationCheck.Mode.LEAF ? 0 : path.size() - 2;
        for (int i = 0; i <= last && i + 1 < path.size(); i++) {
            String problem = check(path.get(i), path.get(i + 1), now);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String check(X509Certificate cert, X509Certificate issuer, Instant now) {
        URI responder = settings.overrideResponder() ? settings.defaultResponder() : OcspFetch.aiaResponder(cert);
        if (responder == null) {
            responder = settings.defaultResponder();
        }
        String subject = cert.getSubjectX500Principal().getName();
        if (responder == null) {
            if (settings.noOcspForCertOk()) {
                return null;
            }
            log.info("OCSP: no responder for client certificate '{}' (no AIA OCSP URL, no default responder)", subject);
            return FAILURE;
        }
        try {
            BasicOCSPResp response = (BasicOCSPResp) new OCSPResp(OcspFetch.fetch(cert, issuer, responder, settings.timeout()))
                    .getResponseObject();
            if (response == null || !signedFor(response, issuer)) {
                return unanswered(subject, responder, "the response is not signed by the issuer or a responder it certified");
            }
            for (SingleResp single : response.getResponses()) {
                if (!single.getCertID().matchesIssuer(new JcaX509CertificateHolder(issuer),
                        new JcaDigestCalculatorProviderBuilder().build()) || !single.getCertID().getSerialNumber().equals(cert.getSerialNumber())) {
                    continue;
                }
                if (single.getNextUpdate() != null && Date.from(now).after(single.getNextUpdate())) {
                    return unanswered(subject, responder, "the response has expired");
                }
                Object status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return null;
                }
                if (status instanceof RevokedStatus) {
                    log.info("OCSP: client certificate '{}' (serial {}) is revoked", subject, hex(cert.getSerialNumber()));
                    return "certificate revoked";
                }
                log.info("OCSP: responder {} does not know client certificate '{}'", responder, subject);
                return FAILURE;
            }
            return unanswered(subject, responder, "the response does not mention the certificate");
        } catch (Exception e) {
            return unanswered(subject, responder, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String unanswered(String subject, URI responder, String why) {
        if (settings.failOpen()) {
            log.warn("OCSP: no usable answer from {} for client certificate '{}' ({}); accepted, the check fails open",
                    responder, subject, why);
            return null;
        }
        log.info("OCSP: no usable answer from {} for client certificate '{}' ({})", responder, subject, why);
        return FAILURE;
    }

    private static boolean signedFor(BasicOCSPResp response, X509Certificate issuer) throws Exception {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        if (response.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder delegate : response.getCerts()) {
            if (delegate.getIssuer().equals(issuerHolder.getSubject()) && delegate.isSignatureValid(verifiers.build(issuer.getPublicKey()))
                    && response.isSignatureValid(verifiers.build(delegate))) {
                return true;
            }
        }
        return false;
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
