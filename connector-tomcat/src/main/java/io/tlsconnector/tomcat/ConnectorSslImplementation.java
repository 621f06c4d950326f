package io.tlsconnector.tomcat;

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
     * connector's view of the connection.
     */
    static final class SessionSupport extends JSSESupport {
        private final SSLSession session;
        private ConnectionPipeline connection;

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
    }
}
