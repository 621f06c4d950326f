package io.tlsconnector.engine;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;

/**
 * A virtual host made ready to serve: its own {@link SSLContext} (certificates, protocols, cipher
 * suites) built once at start-up. Adapters ask it for one {@link SSLEngine} per connection.
 */
public final class HostContext {
    private final VirtualHost virtualHost;
    private final SSLContext sslContext;
    private final List<KeyMaterial> certificates;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final List<X509Certificate> clientCaCertificates;
    private volatile OcspStatus ocspStatus;

    HostContext(VirtualHost virtualHost, SSLContext sslContext, List<KeyMaterial> certificates,
                String[] protocols, String[] cipherSuites, List<X509Certificate> clientCaCertificates) {
        this.virtualHost = virtualHost;
        this.sslContext = sslContext;
        this.certificates = List.copyOf(certificates);
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.clientCaCertificates = List.copyOf(clientCaCertificates);
    }

    public VirtualHost virtualHost() {
        return virtualHost;
    }

    public String serverName() {
        return virtualHost.serverName();
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    List<KeyMaterial> certificates() {
        return certificates;
    }

    void ocspStatus(OcspStatus status) {
        this.ocspStatus = status;
    }

    /** What this context staples; null when stapling is off for the host. */
    public OcspStatus ocspStatus() {
        return ocspStatus;
    }

    /** The leaf certificates this host serves, one per key type. */
    public List<X509Certificate> leafCertificates() {
        return certificates.stream().map(m -> m.chain().get(0)).toList();
    }

    /** Protocols enabled on every engine of this host. */
    public List<String> enabledProtocols() {
        return List.of(protocols);
    }

    /** Cipher suites enabled on every engine of this host, in preference order. */
    public List<String> enabledCipherSuites() {
        return List.of(cipherSuites);
    }

    /** The CA certificates client certificates are checked against (SSLCACertificateFile); empty without client auth. */
    public List<X509Certificate> clientCaCertificates() {
        return clientCaCertificates;
    }

    /**
     * A server-mode engine for one connection, with this host's protocols and cipher suites (server
     * preference unless the host turned honorCipherOrder off) and its client-certificate request
     * (SSLVerifyClient). ALPN is left to the adapter, which knows the protocols its container speaks.
     */
    public SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine = peerHost == null ? sslContext.createSSLEngine() : sslContext.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(virtualHost.honorCipherOrder());
        switch (virtualHost.verifyClient()) {
            case REQUIRE -> parameters.setNeedClientAuth(true);
            case OPTIONAL, OPTIONAL_NO_CA -> parameters.setWantClientAuth(true);
            case NONE -> { }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String toString() {
        return "HostContext[" + virtualHost.serverName() + ", protocols=" + List.of(protocols) + "]";
    }
}
