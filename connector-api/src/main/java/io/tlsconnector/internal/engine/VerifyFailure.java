package io.tlsconnector.internal.engine;

import java.security.cert.CertificateException;
import java.util.Map;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;

/**
 * A refused client certificate as BoringSSL should report it: with OpenSSL's verify error for the reason
 * {@link ClientChainCheck} gives, so the engine sends the alert OpenSSL (and so httpd) sends — unknown_ca (48)
 * for a certificate no trusted CA issued, certificate_expired (45), certificate_revoked (44) — instead of
 * bad_certificate (42) for every refusal. JSSE ignores the code: its server sends certificate_unknown (46)
 * for any refused certificate. Touches Netty only when the BoringSSL engine can run.
 */
final class VerifyFailure {
    private VerifyFailure() {
    }

    static CertificateException of(String message, String opensslReason) {
        if (BoringSsl.PRESENT && BoringSsl.unavailability().isEmpty()) {
            Integer code = Native.CODES.get(opensslReason);
            if (code != null) {
                return new OpenSslCertificateException(message, code);
            }
        }
        return new CertificateException(message);
    }

    /** Loaded only once the natives are known to load (the constants come from them). */
    private static final class Native {
        static final Map<String, Integer> CODES = Map.ofEntries(
                Map.entry("certificate has expired", CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED),
                Map.entry("certificate is not yet valid", CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID),
                Map.entry("certificate revoked", CertificateVerifier.X509_V_ERR_CERT_REVOKED),
                Map.entry(ClientChainCheck.NO_LOCAL_ISSUER, CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
                Map.entry("unable to get issuer certificate", CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT),
                Map.entry(ClientChainCheck.LEAF_SIGNATURE, CertificateVerifier.X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE),
                Map.entry(ClientChainCheck.SELF_SIGNED, CertificateVerifier.X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT),
                Map.entry(ClientChainCheck.SELF_SIGNED_IN_CHAIN, CertificateVerifier.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN),
                Map.entry("certificate chain too long", CertificateVerifier.X509_V_ERR_CERT_CHAIN_TOO_LONG),
                Map.entry("certificate signature failure", CertificateVerifier.X509_V_ERR_CERT_SIGNATURE_FAILURE),
                Map.entry("invalid CA certificate", CertificateVerifier.X509_V_ERR_INVALID_CA),
                Map.entry("unable to get certificate CRL", CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_CRL),
                Map.entry("unable to get CRL issuer certificate", CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER),
                Map.entry("CRL has expired", CertificateVerifier.X509_V_ERR_CRL_HAS_EXPIRED),
                Map.entry("CRL is not yet valid", CertificateVerifier.X509_V_ERR_CRL_NOT_YET_VALID));
    }
}
