package io.tlsconnector.internal.engine;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import io.tlsconnector.config.OcspStapling;
import io.tlsconnector.pki.KeyMaterial;

/**
 * The OCSP response a BoringSSL host staples. BoringSSL has no OCSP client, so the library asks the
 * responder itself when the host's context is built (and again on each refresh, see
 * {@code OcspRefresher}), with the same responder choice, timeout and report as the JSSE path.
 *
 * @param response the DER response to staple; null when there is none to staple
 * @param status   what {@code response} says, or why there is none
 */
record NativeStaple(byte[] response, OcspStatus status) {
    /** Asks the configured responder, else the one in the leaf's AIA extension, about {@code certificate}'s leaf. */
    static NativeStaple fetch(OcspStapling stapling, KeyMaterial certificate) {
        List<X509Certificate> chain = certificate.chain();
        X509Certificate leaf = chain.get(0);
        URI responder = stapling.responder() != null ? stapling.responder() : OcspFetch.aiaResponder(leaf);
        String where = stapling.responder() != null ? stapling.responder().toString() : "the certificate's OCSP responder (AIA)";
        if (responder == null) {
            return none("the certificate names no OCSP responder (AIA) and none is configured: set"
                    + " ocspStapling(OcspStapling.fromCertificate().withResponder(url)) (SSLStaplingForceURL)");
        }
        if (chain.size() < 2) {
            return none("the chain has no issuer certificate to ask " + where + " about the leaf: serve the"
                    + " intermediate with the certificate (withChain, SSLCertificateChainFile)");
        }
        byte[] der;
        try {
            der = OcspFetch.fetch(leaf, chain.get(1), responder, stapling.timeout());
        } catch (Exception e) {
            return none("no response from " + where + " within " + stapling.timeout().toMillis() + " ms ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        OcspStatus status = OcspStatus.parse(der);
        return new NativeStaple(status.state() == OcspStatus.State.NONE ? null : der, status);
    }

    private static NativeStaple none(String why) {
        return new NativeStaple(null, OcspStatus.none(why));
    }
}
