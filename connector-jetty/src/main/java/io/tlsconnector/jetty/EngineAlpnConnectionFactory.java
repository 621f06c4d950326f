package io.tlsconnector.jetty;

import java.io.IOException;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NegotiatingServerConnection;
import org.eclipse.jetty.util.BufferUtil;

import io.tlsconnector.spi.ConnectionPipeline;

/**
 * Jetty's ALPN factory, also for engines that select the application protocol themselves. Netty's
 * BoringSSL engine has no JSSE handshake selector, so Jetty's ALPN processors do not apply to it, and
 * it does not always report {@code FINISHED}, which Jetty's handshake listeners wait for. Here the
 * engine got the protocols from {@link ConnectionPipeline#createEngine}; once its handshake is
 * done, the protocol it selected (or the default) picks the next connection.
 */
final class EngineAlpnConnectionFactory extends ALPNServerConnectionFactory {
    /** JSSE's and Netty's cipher suite name before a handshake completes. */
    private static final String NO_CIPHER_YET = "SSL_NULL_WITH_NULL_NULL";

    EngineAlpnConnectionFactory(String... protocols) {
        super(protocols);
    }

    @Override
    protected AbstractConnection newServerConnection(Connector connector, EndPoint endPoint, SSLEngine engine,
                                                     List<String> protocols, String defaultProtocol) {
        if (!ConnectionPipeline.selectsApplicationProtocolItself(engine)) {
            return super.newServerConnection(connector, endPoint, engine, protocols, defaultProtocol);
        }
        return new SelectedProtocolConnection(connector, endPoint, engine, defaultProtocol);
    }

    /**
     * Whether {@code connection} only waits for the end of the handshake to pick the next one: its reads run the
     * handshake and never the application, Jetty's ALPN connection (JSSE) and this factory's own.
     */
    static boolean negotiates(Connection connection) {
        return connection instanceof NegotiatingServerConnection || connection instanceof SelectedProtocolConnection;
    }

    /** Reads until the handshake is done, then hands the connection to the engine's chosen protocol. */
    private static final class SelectedProtocolConnection extends AbstractConnection {
        private final Connector connector;
        private final SSLEngine engine;
        private final String defaultProtocol;
        /** This factory runs only behind TlsRoutingConnectionFactory, inside a RoutedSslConnection. */
        private final RoutedSslConnection tls;

        SelectedProtocolConnection(Connector connector, EndPoint endPoint, SSLEngine engine, String defaultProtocol) {
            super(endPoint, connector.getExecutor());
            this.connector = connector;
            this.engine = engine;
            this.defaultProtocol = defaultProtocol;
            this.tls = (RoutedSslConnection) ((SslConnection.SslEndPoint) endPoint).getSslConnection();
        }

        @Override
        public void onOpen() {
            super.onOpen();
            fillInterested();
        }

        @Override
        public void onFillable() {
            int filled;
            try {
                // An empty buffer: application bytes stay in the TLS connection for the next protocol to read.
                filled = getEndPoint().fill(BufferUtil.EMPTY_BUFFER);
            } catch (IOException e) {
                close();
                return;
            }
            if (filled < 0) {
                close();
            } else if (!handshakeDone()) {
                fillInterested();
            } else {
                String selected = engine.getApplicationProtocol();
                ConnectionFactory next = connector.getConnectionFactory(selected == null || selected.isEmpty() ? defaultProtocol : selected);
                if (next == null) {
                    close();
                } else {
                    EndPoint decrypted = getEndPoint();
                    Connection upgraded = next.newConnection(connector, decrypted);
                    // A request that came with the client's Finished is read next on this thread, where it may be.
                    tls.upgradeThenContinue(() -> decrypted.upgrade(upgraded));
                }
            }
        }

        private boolean handshakeDone() {
            return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && !NO_CIPHER_YET.equals(engine.getSession().getCipherSuite());
        }
    }
}
