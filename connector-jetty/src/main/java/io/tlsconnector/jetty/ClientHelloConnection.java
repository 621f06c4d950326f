package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.internal.engine.HandshakeLog;
import io.tlsconnector.internal.engine.ClientHelloParser;
import io.tlsconnector.internal.engine.HandshakeGuard;

/**
 * The first connection on every accepted socket: reads until the ClientHello can be parsed, then
 * hands the connection, with the bytes read so far, to the TLS connection of the virtual host the
 * SNI name selects. Plain HTTP sent to the TLS port is answered with 400 and closed instead of
 * hanging (F8).
 */
final class ClientHelloConnection extends AbstractConnection implements Connection.UpgradeFrom {
    private static final Logger log = LoggerFactory.getLogger(ClientHelloConnection.class);
    private static final Pattern HOST_HEADER = Pattern.compile("\r\nhost:[ \t]*([^\r\n]+)");
    /** A ClientHello of the maximum size may still come in 1-byte records: room for their headers. */
    private static final int BUFFER_SIZE = ClientHelloParser.MAX_CLIENT_HELLO_BYTES + 4096;
    private static final long PLAIN_HTTP_LINGER_MS = 1000;

    private final Connector connector;
    private final TlsRoutingConnectionFactory factory;
    private final HandshakeGuard.Pending pending;
    private final ByteBuffer buffer = BufferUtil.allocate(BUFFER_SIZE);
    private boolean answeredPlainHttp;

    ClientHelloConnection(EndPoint endPoint, Connector connector, TlsRoutingConnectionFactory factory,
                          HandshakeGuard.Pending pending) {
        super(endPoint, connector.getExecutor());
        this.connector = connector;
        this.factory = factory;
        this.pending = pending;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            if (answeredPlainHttp) {
                discardUntilClosed();
                return;
            }
            while (true) {
                int filled = getEndPoint().fill(buffer);
                if (filled < 0) {
                    getEndPoint().close();
                    return;
                }
                if (filled == 0) {
                    fillInterested();
                    return;
                }
                if (decide()) {
                    return;
                }
            }
        } catch (Throwable x) {
            log.debug("Closing {} after failure while reading the ClientHello", getEndPoint(), x);
            getEndPoint().close(x);
        }
    }

    /** @return true when the connection has been handed on or closed, false when more bytes are needed */
    private boolean decide() {
        ClientHelloParser.Result result = ClientHelloParser.parse(buffer);
        switch (result.status()) {
            case NEED_MORE_DATA:
                if (BufferUtil.space(buffer) > 0) {
                    return false;
                }
                log.debug("Closing {}: ClientHello records exceed {} bytes", getEndPoint(), BUFFER_SIZE);
                getEndPoint().close();
                return true;
            case CLIENT_HELLO:
                factory.upgradeToTls(connector, getEndPoint(), result.clientHello(), pending);
                return true;
            case MALFORMED:
                // Let the default host's TLS stack answer: the client then gets a proper TLS alert.
                log.debug("Unreadable ClientHello from {} ({}); the default virtual host answers", getEndPoint().getRemoteSocketAddress(), result.reason());
                factory.upgradeToTls(connector, getEndPoint(), null, pending);
                return true;
            case HTTP:
                answerPlainHttp();
                return true;
            case TOO_LARGE:
            case NOT_TLS:
            default:
                log.debug("Closing {}: {} ({})", getEndPoint().getRemoteSocketAddress(), result.status(), result.reason());
                getEndPoint().close();
                return true;
        }
    }

    private void answerPlainHttp() {
        answeredPlainHttp = true;
        String target = "https://" + hostHeader() + "/";
        String body = "This port speaks HTTPS (TLS), but the request was plain HTTP; use " + target + " instead.\n";
        String response = "HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n\r\n" + body;
        HandshakeLog.plainHttp(getEndPoint().getRemoteSocketAddress());
        // Half-close after the answer and read what is left for a moment: closing with unread input
        // would make the kernel send a reset, and the client could lose the response.
        getEndPoint().setIdleTimeout(PLAIN_HTTP_LINGER_MS);
        getEndPoint().write(Callback.from(() -> {
            getEndPoint().shutdownOutput();
            fillInterested();
        }, x -> getEndPoint().close(x)), BufferUtil.toBuffer(response, StandardCharsets.UTF_8));
    }

    private void discardUntilClosed() throws java.io.IOException {
        while (true) {
            BufferUtil.clear(buffer);
            int filled = getEndPoint().fill(buffer);
            if (filled < 0) {
                getEndPoint().close();
                return;
            }
            if (filled == 0) {
                fillInterested();
                return;
            }
        }
    }

    private String hostHeader() {
        String head = BufferUtil.toString(buffer, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        Matcher m = HOST_HEADER.matcher(head);
        if (m.find() && m.group(1).strip().matches("[a-z0-9.:\\[\\]-]+")) {
            return m.group(1).strip();
        }
        if (getEndPoint().getLocalSocketAddress() instanceof java.net.InetSocketAddress local) {
            String address = local.getHostString();
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return "this-host";
    }

    @Override
    public ByteBuffer onUpgradeFrom() {
        if (!buffer.hasRemaining()) {
            return null;
        }
        ByteBuffer unconsumed = BufferUtil.allocate(buffer.remaining());
        BufferUtil.append(unconsumed, buffer);
        return unconsumed;
    }
}
