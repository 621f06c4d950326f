package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngineResult;

/**
 * An HTTP/2 client that sees the TLS records: it asks for {@code /} on one stream and reports, record by record,
 * how the server's frames were sealed. Built on a JDK {@code SSLEngine} over a socket: its unwrap takes one record
 * at a time ({@link EngineSocket}).
 */
public final class Http2Records {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FRAME_HEADER = 9;
    private static final int TYPE_DATA = 0;
    private static final int TYPE_HEADERS = 1;
    private static final int TYPE_GOAWAY = 7;
    private static final int END_STREAM = 0x1;

    /**
     * What the server sent until the response to stream 1 ended: the plaintext size of each application-data record,
     * and how many of them ended inside a frame (a frame's header sealed apart from its payload, say).
     */
    public record Observation(List<Integer> recordSizes, int recordsEndingInsideAFrame, List<String> frames) {
    }

    private Http2Records() {
    }

    public static Observation get(int port, String serverName, X509Certificate root) throws IOException {
        try (EngineSocket tls = new EngineSocket(port, serverName, root, "h2")) {
            tls.handshake();
            if (!"h2".equals(tls.engine().getApplicationProtocol())) {
                throw new IOException(serverName + ":" + port + " did not negotiate h2 by ALPN but '" + tls.engine().getApplicationProtocol() + "'");
            }
            tls.send(ByteBuffer.wrap(request(serverName)));
            ByteBuffer appIn = tls.newApplicationBuffer();

            List<Integer> sizes = new ArrayList<>();
            List<String> frames = new ArrayList<>();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            int endingInsideAFrame = 0;
            while (true) {
                appIn.clear();
                SSLEngineResult result = tls.unwrapOneRecord(appIn);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new IOException("the server closed before the response ended; frames so far: " + frames);
                }
                if (result.bytesProduced() == 0) {
                    continue; // a post-handshake message (a session ticket)
                }
                sizes.add(result.bytesProduced());
                appIn.flip();
                pending.write(appIn.array(), 0, appIn.limit());
                byte[] bytes = pending.toByteArray();
                int at = 0;
                boolean ended = false;
                while (bytes.length - at >= FRAME_HEADER) {
                    int length = ((bytes[at] & 0xff) << 16) | ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
                    if (bytes.length - at < FRAME_HEADER + length) {
                        break;
                    }
                    int type = bytes[at + 3] & 0xff;
                    int flags = bytes[at + 4] & 0xff;
                    int stream = ((bytes[at + 5] & 0x7f) << 24) | ((bytes[at + 6] & 0xff) << 16) | ((bytes[at + 7] & 0xff) << 8)
                            | (bytes[at + 8] & 0xff);
                    frames.add("type " + type + " flags " + flags + " stream " + stream + " length " + length);
                    if (type == TYPE_GOAWAY) {
                        throw new IOException("the server sent GOAWAY; frames: " + frames);
                    }
                    ended |= stream == 1 && (type == TYPE_DATA || type == TYPE_HEADERS) && (flags & END_STREAM) != 0;
                    at += FRAME_HEADER + length;
                }
                if (at != bytes.length) {
                    endingInsideAFrame++;
                }
                pending.reset();
                pending.write(bytes, at, bytes.length - at);
                if (ended) {
                    return new Observation(sizes, endingInsideAFrame, frames);
                }
            }
        }
    }

    /** The preface, empty SETTINGS, and HEADERS for GET https://serverName/ ending the stream (HPACK without Huffman). */
    private static byte[] request(String serverName) {
        byte[] authority = serverName.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.write(0x82); // :method GET
        headers.write(0x87); // :scheme https
        headers.write(0x84); // :path /
        headers.write(0x41); // :authority, literal value
        headers.write(authority.length);
        headers.writeBytes(authority);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PREFACE);
        out.writeBytes(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
        int length = headers.size();
        out.writeBytes(new byte[] {0, 0, (byte) length, TYPE_HEADERS, 0x5, 0, 0, 0, 1}); // END_STREAM | END_HEADERS
        out.writeBytes(headers.toByteArray());
        return out.toByteArray();
    }
}
