package io.tlsconnector.internal.engine;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;

/**
 * Refuses client-initiated renegotiation on every engine, as mod_ssl does: after the first handshake
 * of a TLS 1.2 (or older) connection, a record of content type handshake from the client can only
 * start a renegotiation. JSSE would renegotiate and BoringSSL silently ignores it (leaving the client
 * waiting), so the record is refused before the engine sees it and the container closes the connection.
 * TLS 1.3 has no renegotiation; its post-handshake messages travel as application data.
 */
public final class Renegotiation {
    private static final int CONTENT_TYPE_HANDSHAKE = 22;

    private Renegotiation() {
    }

    /**
     * @param handshakeDone whether the connection's first handshake has finished
     * @throws SSLHandshakeException when {@code src} starts a renegotiation
     */
    public static void refuse(SSLEngine engine, ByteBuffer src, boolean handshakeDone) throws SSLHandshakeException {
        if (handshakeDone && src.remaining() > 0 && (src.get(src.position()) & 0xff) == CONTENT_TYPE_HANDSHAKE
                && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
            throw new SSLHandshakeException("client-initiated renegotiation refused");
        }
    }
}
