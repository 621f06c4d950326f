package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * What runs inside TLS for an ACME tls-alpn-01 validation (RFC 8737): the handshake is the whole
 * exchange, so the connection reads until the CA closes (or sends anything) and closes.
 */
final class AcmeValidationConnection extends AbstractConnection {
    AcmeValidationConnection(EndPoint endPoint, Executor executor) {
        super(endPoint, executor);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        ByteBuffer buffer = BufferUtil.allocate(256);
        try {
            int read = getEndPoint().fill(buffer);
            if (read == 0) {
                fillInterested();
                return;
            }
        } catch (Exception e) {
            // the CA closed abruptly: nothing to answer either way
        }
        getEndPoint().close();
    }
}
