package io.tlsconnector.tomcat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLContext;

import io.tlsconnector.internal.engine.LoadedHost;

/**
 * Tomcat's view of one virtual host's context, already built by connector-api at start-up: Tomcat
 * never initialises it with key or trust managers of its own.
 */
final class HostSslContext implements SSLContext {
    private final LoadedHost host;

    HostSslContext(LoadedHost host) {
        this.host = host;
    }

    LoadedHost host() {
        return host;
    }

    @Override
    public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
        // Built and initialised by TlsRuntime; nothing of Tomcat's replaces its key material.
    }

    @Override
    public void destroy() {
        // The runtime owns the context.
    }

    @Override
    public SSLSessionContext getServerSessionContext() {
        return host.sslContext().getServerSessionContext();
    }

    @Override
    public SSLEngine createSSLEngine() {
        return host.newEngine(null, -1);
    }

    @Override
    public SSLServerSocketFactory getServerSocketFactory() {
        return host.sslContext().getServerSocketFactory();
    }

    @Override
    public SSLParameters getSupportedSSLParameters() {
        return host.sslContext().getSupportedSSLParameters();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return host.leafCertificates().toArray(new X509Certificate[0]);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
