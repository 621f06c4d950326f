package io.tlsconnector.tomcat;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;

import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SecureNioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;

import io.tlsconnector.engine.HostContext;

/**
 * Tomcat's TLS channel, handing each connection's engine to {@link HostContext#release(SSLEngine)}
 * when the connection closes (or, should Tomcat skip the close, when the channel is reused or freed),
 * and telling the request whether the handshake resumed a session.
 */
final class ReleasingSecureNioChannel extends SecureNioChannel {
    ReleasingSecureNioChannel(SocketBufferHandler buffer, NioEndpoint endpoint) {
        super(buffer, endpoint);
    }

    @Override
    public void close(boolean force) throws IOException {
        try {
            super.close(force);
        } finally {
            if (force || !isOpen()) {
                releaseEngine();
            }
        }
    }

    @Override
    public void reset(SocketChannel channel, NioEndpoint.NioSocketWrapper socketWrapper) throws IOException {
        releaseEngine();
        super.reset(channel, socketWrapper);
    }

    @Override
    public void free() {
        releaseEngine();
        super.free();
    }

    @Override
    public SSLSupport getSSLSupport() {
        SSLSupport support = super.getSSLSupport();
        if (support instanceof ConnectorSslImplementation.SessionSupport session && sslEngine != null) {
            session.resumed(HostContext.resumed(sslEngine));
        }
        return support;
    }

    private void releaseEngine() {
        SSLEngine engine = sslEngine;
        if (engine != null) {
            HostContext.release(engine);
        }
    }
}
