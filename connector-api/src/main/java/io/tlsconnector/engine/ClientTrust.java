package io.tlsconnector.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * The trust a virtual host places in client certificates (mod_ssl SSLVerifyClient and
 * SSLCACertificateFile): the CA certificates read at start-up and the trust manager the host's
 * SSLContext checks client certificates with.
 */
final class ClientTrust {
    private ClientTrust() {
    }

    /** Reads the host's CA file; an empty list when the host does not ask for client certificates. */
    static List<X509Certificate> loadCaCertificates(VirtualHost host) {
        if (host.verifyClient() == VerifyClient.NONE) {
            return List.of();
        }
        Path file = host.caCertificateFile();
        List<X509Certificate> cas = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) c);
            }
        } catch (IOException e) {
            throw problem(host, file, "cannot be read: " + e, "check that the file exists and the server may read it.", e);
        } catch (CertificateException e) {
            throw problem(host, file, "is not a PEM or DER certificate file: " + e.getMessage(),
                    "put the CA certificates (-----BEGIN CERTIFICATE-----) into the file, one after the other.", e);
        }
        if (cas.isEmpty()) {
            throw problem(host, file, "holds no certificate, so no client certificate could ever verify.",
                    "put the PEM certificates of the CAs that issue client certificates into it.", null);
        }
        return List.copyOf(cas);
    }

    /** The trust managers for the host's SSLContext, or {@code null} (the provider's default) without client auth. */
    static TrustManager[] trustManagers(VirtualHost host, List<X509Certificate> cas) throws GeneralSecurityException {
        if (host.verifyClient() == VerifyClient.NONE) {
            return null;
        }
        X509TrustManager pkix = pkix(cas);
        if (host.verifyClient() == VerifyClient.OPTIONAL_NO_CA) {
            return new TrustManager[] {new AcceptingTrustManager(pkix.getAcceptedIssuers())};
        }
        return new TrustManager[] {pkix};
    }

    /** A PKIX trust manager trusting exactly {@code cas}. */
    static X509TrustManager pkix(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the PKIX TrustManagerFactory returned no X509TrustManager");
    }

    private static TlsConfigException problem(VirtualHost host, Path file, String what, String fix, Exception cause) {
        return new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(),
                "caCertificateFile " + file, what, fix)), cause);
    }

    /**
     * SSLVerifyClient optional_no_ca: takes any client certificate; whether it verifies is worked out
     * later for SSL_CLIENT_VERIFY. Names the configured CAs in the CertificateRequest, as mod_ssl does.
     */
    private static final class AcceptingTrustManager extends X509ExtendedTrustManager {
        private final X509Certificate[] issuers;

        AcceptingTrustManager(X509Certificate[] issuers) {
            this.issuers = issuers.clone();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // accepted; verified for SSL_CLIENT_VERIFY only
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // accepted; verified for SSL_CLIENT_VERIFY only
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted; verified for SSL_CLIENT_VERIFY only
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
            return issuers.clone();
        }
    }
}
