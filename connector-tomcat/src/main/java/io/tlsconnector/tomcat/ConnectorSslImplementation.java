package io.tlsconnector.tomcat;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLImplementation;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SSLUtil;
import org.apache.tomcat.util.net.jsse.JSSESupport;

import io.tlsconnector.spi.ConnectionPipeline;

/**
 * The {@code sslImplementationName} of a {@link TlsNioProtocol}: contexts come from connector-api,
 * and the per-request {@link SSLSupport} keeps the {@link SSLSession} reachable, so the request valve
 * can compute the TLS attributes from it.
 */
public final class ConnectorSslImplementation extends SSLImplementation {
    @Override
    public SSLSupport getSSLSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
        return new SessionSupport(session, additionalAttributes);
    }

    @Override
    public SSLUtil getSSLUtil(SSLHostConfigCertificate certificate) {
        return new HostSslUtil(certificate);
    }

    /**
     * Tomcat's JSSE support (the standard servlet attributes) that also hands out its session and the
     * connector's view of the connection. One per connection and session ({@code GuardedChannel} keeps it): Tomcat
     * asks it for every servlet attribute on each request, so what cannot change during the session is worked out
     * once, and a host that never asks for client certificates is not asked the engine for them (an exception each
     * time).
     */
    static final class SessionSupport extends JSSESupport {
        private final SSLSession session;
        private ConnectionPipeline connection;
        private X509Certificate[] peerCertificates;
        private boolean peerCertificatesRead;
        private String sessionId;
        private String requestedProtocols;
        private String requestedCiphers;

        SessionSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
            super(session, additionalAttributes);
            this.session = session;
        }

        /** Set by the channel that created this support object, before Tomcat hands it out. */
        void connection(ConnectionPipeline connection) {
            this.connection = connection;
        }

        SSLSession session() {
            return session;
        }

        /** The connection as the channel saw it; {@code null} when Tomcat asked without our channel. */
        ConnectionPipeline connection() {
            return connection;
        }

        @Override
        public synchronized X509Certificate[] getPeerCertificateChain() throws IOException {
            if (!peerCertificatesRead) {
                ConnectionPipeline current = connection;
                peerCertificates = current != null && !current.mayHaveClientCertificate() ? null : super.getPeerCertificateChain();
                peerCertificatesRead = true;
            }
            return peerCertificates == null ? null : peerCertificates.clone();
        }

        @Override
        public synchronized String getSessionId() throws IOException {
            if (sessionId == null) {
                sessionId = super.getSessionId();
            }
            return sessionId;
        }

        @Override
        public synchronized String getRequestedProtocols() throws IOException {
            if (requestedProtocols == null) {
                requestedProtocols = super.getRequestedProtocols();
            }
            return requestedProtocols;
        }

        @Override
        public synchronized String getRequestedCiphers() throws IOException {
            if (requestedCiphers == null) {
                requestedCiphers = super.getRequestedCiphers();
            }
            return requestedCiphers;
        }
    }
}
