package io.tlsconnector.tomcat;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;

/**
 * Answers Tomcat's questions about a virtual host from connector-api's {@link HostSslContext}, so
 * none of Tomcat's own parsers (key stores, cipher strings, protocols) runs.
 */
final class HostSslUtil implements SSLUtil {
    private final SSLHostConfigCertificate certificate;

    HostSslUtil(SSLHostConfigCertificate certificate) {
        this.certificate = certificate;
    }

    private HostSslContext context() {
        if (certificate.getSslContext() instanceof HostSslContext context) {
            return context;
        }
        throw new IllegalArgumentException("SSLHostConfig '" + certificate.getSSLHostConfig().getHostName()
                + "' was not made by the TLS connector: with " + TlsNioProtocol.class.getName()
                + " every virtual host comes from its TlsConfig; remove the <SSLHostConfig> element and configure the host"
                + " in the TlsConfig instead");
    }

    @Override
    public SSLContext createSSLContext(java.util.List<String> negotiableProtocols) {
        return context();
    }

    @Override
    public KeyManager[] getKeyManagers() {
        return new KeyManager[0];
    }

    @Override
    public TrustManager[] getTrustManagers() {
        return new TrustManager[0];
    }

    @Override
    public void configureSessionContext(SSLSessionContext sslSessionContext) {
        // Session caching is set up by connector-api when it builds the host's context.
    }

    @Override
    public String[] getEnabledProtocols() {
        return context().host().enabledProtocols().toArray(new String[0]);
    }

    @Override
    public String[] getEnabledCiphers() {
        return context().host().enabledCipherSuites().toArray(new String[0]);
    }
}
