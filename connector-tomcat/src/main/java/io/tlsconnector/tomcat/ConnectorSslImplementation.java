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

    /** Tomcat's JSSE support (the standard servlet attributes) that also hands out its session. */
    static final class SessionSupport extends JSSESupport {
        private final SSLSession session;
        private Optional<Boolean> resumed = Optional.empty();

        SessionSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
            super(session, additionalAttributes);
            this.session = session;
        }

        SSLSession session() {
            return session;
        }

        /** Whether the handshake resumed a session, when the engine can tell. */
        Optional<Boolean> resumed() {
            return resumed;
        }

        SessionSupport resumed(Optional<Boolean> resumed) {
            this.resumed = resumed;
            return this;
        }
    }
}
