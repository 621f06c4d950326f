package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngineResult;

/**
 * An HTTP/1.1 request sent in the same write as the client's Finished, so that the server reads the end of the
 * handshake and the request together and serves the request from the read that completed the handshake.
 */
public final class EarlyRequest {
    private EarlyRequest() {
    }

    /** GETs {@code path} from 127.0.0.1:{@code port} (SNI {@code serverName}, ALPN http/1.1); returns the status line. */
    public static String get(int port, String serverName, X509Certificate root, String path) throws IOException {
        try (EngineSocket tls = new EngineSocket(port, serverName, root, "http/1.1")) {
            tls.handshake(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + serverName + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer appIn = tls.newApplicationBuffer();
            while (true) {
                appIn.clear();
                SSLEngineResult result = tls.unwrapOneRecord(appIn);
                appIn.flip();
                received.write(appIn.array(), 0, appIn.limit());
                String text = received.toString(StandardCharsets.US_ASCII);
                int end = text.indexOf("\r\n");
                if (end >= 0) {
                    return text.substring(0, end);
                }
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new IOException(serverName + ":" + port + " closed before a status line; received '" + text + "'");
                }
            }
        }
    }
}
