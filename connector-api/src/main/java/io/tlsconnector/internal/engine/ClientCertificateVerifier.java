package io.tlsconnector.internal.engine;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * Decides, as mod_ssl does, whether a client certificate passes the handshake of one virtual host and
 * what {@code SSL_CLIENT_VERIFY} says about it: {@code optional} and {@code require} refuse any
 * certificate that does not verify; {@code optional_no_ca} lets through a certificate whose only problem
 * is that no trusted CA issued it and reports {@code GENEROUS} (TLS 1.2) or {@code FAILED:<reason>} (TLS 1.3); an expired, revoked or too deep
 * chain fails the handshake in every mode.
 */
public final class ClientCertificateVerifier {
    private static final Logger log = LoggerFactory.getLogger(ClientCertificateVerifier.class);

    private final String serverName;
    private final VerifyClient mode;
    private final ClientChainCheck check;
    private final X509Certificate[] acceptedIssuers;
    private final List<X509Certificate> trusted;

    ClientCertificateVerifier(VirtualHost host, ClientTrust.Material material) {
        this.serverName = host.serverName();
        this.mode = host.verifyClient();
        this.trusted = material.cas();
        this.check = new ClientChainCheck(material.cas(), material.crls(), host.clientAuth().revocationCheck(),
                host.clientAuth().verifyDepth(), host.clientAuth().ocsp().enabled() ? new ClientOcspCheck(host.clientAuth().ocsp()) : null);
        this.acceptedIssuers = material.requestNames().toArray(X509Certificate[]::new);
    }

    /** The trusted CA certificates (caCertificateFile, then caCertificatePath). */
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    /** The CA names sent in the CertificateRequest (caDnRequestFile/Path, else the trusted CAs). */
    public List<X509Certificate> acceptedIssuers() {
        return List.of(acceptedIssuers);
    }

    /**
     * mod_ssl's {@code SSL_CLIENT_VERIFY} for the chain a client sent ({@code NONE} when it sent none).
     * Under {@code optional_no_ca} a certificate let through only for want of its CA is {@code GENEROUS}
     * on TLS 1.2 and earlier, as httpd reports it; on TLS 1.3 httpd reports {@code FAILED:<reason>}
     * (its verify callback's note does not reach the variable there), and so does this.
     *
     * @param protocol the session's protocol, e.g. {@code TLSv1.2}
     */
    public String sslClientVerify(List<X509Certificate> peer, String protocol, Instant now) {
        if (peer.isEmpty() || mode == VerifyClient.NONE) {
            return "NONE";
        }
        ClientChainCheck.Outcome outcome = check.check(peer, now, false);
        if (outcome.ok()) {
            return "SUCCESS";
        }
        if (outcome.noCaOnly() && mode == VerifyClient.OPTIONAL_NO_CA && !"TLSv1.3".equals(protocol)) {
            return "GENEROUS";
        }
        return "FAILED:" + outcome.error();
    }

    X509ExtendedTrustManager trustManager() {
        return new TrustManager();
    }

    private void checkClient(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client sent an empty certificate chain");
        }
        ClientChainCheck.Outcome outcome = check.check(List.of(chain), Instant.now(), true);
        if (outcome.ok() || (outcome.noCaOnly() && mode == VerifyClient.OPTIONAL_NO_CA)) {
            return;
        }
        log.info("Virtual host '{}' refused the client certificate '{}' (verifyClient {}): {}", serverName,
                chain[0].getSubjectX500Principal().getName(), mode, outcome.error());
        throw VerifyFailure.of("client certificate verification failed: " + outcome.error(), outcome.error());
    }

    /** The SSLContext's view: checks client chains, names the CAs for the CertificateRequest. */
    private final class TrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClient(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClient(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkClient(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a server context never checks server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a server context never checks server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server context never checks server certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return acceptedIssuers.clone();
        }
    }
}
