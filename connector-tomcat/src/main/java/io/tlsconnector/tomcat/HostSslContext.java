package io.tlsconnector.tomcat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLContext;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.spi.HostView;

/**
 * Tomcat's view of one virtual host's context, built by connector-api: Tomcat never initialises it with
 * key or trust managers of its own. Tomcat keeps this object for the connector's life, so every call
 * asks the runtime for the host as it serves it now; a reload is seen here as by the handshakes.
 */
final class HostSslContext implements SSLContext {
    private final Supplier<TlsRuntime> runtime;
    private final String serverName;

    HostSslContext(Supplier<TlsRuntime> runtime, String serverName) {
        this.runtime = runtime;
        this.serverName = serverName;
    }

    /** The host as the runtime serves it now. */
    HostView host() {
        TlsRuntime current = runtime.get();
        if (current == null) {
            throw new IllegalStateException("the TLS runtime serving virtual host '" + serverName + "' is closed");
        }
        return HostView.current(current, serverName);
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
        return host().sslContext().getServerSessionContext();
    }

    @Override
    public SSLEngine createSSLEngine() {
        return host().newEngine();
    }

    @Override
    public SSLServerSocketFactory getServerSocketFactory() {
        return host().sslContext().getServerSocketFactory();
    }

    @Override
    public SSLParameters getSupportedSSLParameters() {
        return host().sslContext().getSupportedSSLParameters();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return host().leafCertificates().toArray(new X509Certificate[0]);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
