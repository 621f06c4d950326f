package io.tlsconnector.internal.engine;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a TLS ClientHello from the first bytes of a connection without consuming them, so the
 * virtual host can be chosen before an {@link javax.net.ssl.SSLEngine} exists.
 *
 * <p>The parser is a pure function of the bytes seen so far: call it again with more bytes after
 * {@link Status#NEED_MORE_DATA}. It copes with a ClientHello split across TCP reads and across several
 * TLS records, stops at {@link #MAX_CLIENT_HELLO_BYTES}, and answers malformed input with a status,
 * never an exception.
 */
public final class ClientHelloParser {
    /** Largest ClientHello handshake message accepted; real ones are well under 2 KiB (post-quantum ~1.8 KiB). */
    public static final int MAX_CLIENT_HELLO_BYTES = 16 * 1024;

    private static final int RECORD_HEADER = 5;
    private static final int CONTENT_HANDSHAKE = 22;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int EXTENSION_SERVER_NAME = 0;
    private static final int EXTENSION_SIGNATURE_ALGORITHMS = 13;
    private static final int EXTENSION_ALPN = 16;
    private static final int EXTENSION_SUPPORTED_VERSIONS = 43;
    private static final int SNI_HOST_NAME = 0;

    /** What the bytes seen so far are. */
    public enum Status {
        /** A ClientHello has begun but is not complete; call again with more bytes. */
        NEED_MORE_DATA,
        /** A complete ClientHello; {@link Result#clientHello()} holds it. */
        CLIENT_HELLO,
        /** The connection speaks plain HTTP (a request line), not TLS (F8). */
        HTTP,
        /** Neither TLS nor HTTP. */
        NOT_TLS,
        /** TLS framing, but not a well-formed ClientHello. */
        MALFORMED,
        /** A ClientHello larger than {@link #MAX_CLIENT_HELLO_BYTES}. */
        TOO_LARGE
    }

    /**
     * @param status      what the bytes are
     * @param clientHello the parsed hello when {@code status} is {@link Status#CLIENT_HELLO}, else {@code null}
     * @param reason      why the input was refused, for logs; {@code null} when accepted or incomplete
     */
    public record Result(Status status, ClientHello clientHello, String reason) {
        public Result {
            Objects.requireNonNull(status, "status");
        }

        static Result of(Status status, String reason) {
            return new Result(status, null, reason);
        }
    }

    private static final Result NEED_MORE = new Result(Status.NEED_MORE_DATA, null, null);

    private ClientHelloParser() {
    }

    /**
     * Parses the bytes between the buffer's position and limit; the buffer's position, limit and
     * content are left untouched.
     */
    public static Result parse(ByteBuffer input) {
        ByteBuffer bytes = input.duplicate();
        if (!bytes.hasRemaining()) {
            return NEED_MORE;
        }
        int first = bytes.get(bytes.position()) & 0xFF;
        if (first != CONTENT_HANDSHAKE) {
            return classifyNonTls(bytes);
        }
        try {
            return parseRecords(bytes);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // Every length is checked before use; this is a last line of defence so nothing escapes.
            return Result.of(Status.MALFORMED, "inconsistent lengths: " + e);
        }
    }

    /**
     * Joins the handshake fragments of consecutive records, then parses the ClientHello message. A
     * record may carry as little as one byte of the message, the four-byte handshake header included.
     */
    private static Result parseRecords(ByteBuffer bytes) {
        byte[] message = new byte[4];
        int have = 0;
        int messageLength = -1;
        while (true) {
            if (bytes.remaining() < RECORD_HEADER) {
                return NEED_MORE;
            }
            int type = bytes.get() & 0xFF;
            int major = bytes.get() & 0xFF;
            bytes.get(); // record minor version: any value seen in the wild is accepted
            int length = bytes.getShort() & 0xFFFF;
            if (type != CONTENT_HANDSHAKE) {
                return Result.of(Status.MALFORMED, "record of content type " + type + " before the ClientHello was complete");
            }
            if (major != 3) {
                return Result.of(Status.MALFORMED, "record version major " + major + " is not TLS");
            }
            if (length == 0) {
                return Result.of(Status.MALFORMED, "empty handshake record");
            }
            if (length > MAX_CLIENT_HELLO_BYTES + 2048) {
                return Result.of(Status.TOO_LARGE, "record of " + length + " bytes");
            }
            int available = Math.min(length, bytes.remaining());
            int consumed = 0;
            while (consumed < available && have < message.length) {
                message[have++] = bytes.get();
                consumed++;
                if (have == 4 && messageLength < 0) {
                    if ((message[0] & 0xFF) != HANDSHAKE_CLIENT_HELLO) {
                        return notClientHello(message[0]);
                    }
                    messageLength = ((message[1] & 0xFF) << 16) | ((message[2] & 0xFF) << 8) | (message[3] & 0xFF);
                    if (messageLength > MAX_CLIENT_HELLO_BYTES) {
                        return Result.of(Status.TOO_LARGE, "ClientHello of " + messageLength + " bytes exceeds "
                                + MAX_CLIENT_HELLO_BYTES);
                    }
                    message = Arrays.copyOf(message, 4 + messageLength);
                }
            }
            if (have > 0 && (message[0] & 0xFF) != HANDSHAKE_CLIENT_HELLO) {
                return notClientHello(message[0]);
            }
            if (messageLength >= 0 && have == message.length) {
                if (consumed < length) {
                    // A first flight has nothing after the ClientHello in the same record.
                    return Result.of(Status.MALFORMED, "handshake record carries " + (length - consumed)
                            + " bytes after the ClientHello");
                }
                return parseClientHello(ByteBuffer.wrap(message, 4, messageLength));
            }
            if (available < length) {
                return NEED_MORE;
            }
        }
    }

    private static Result notClientHello(byte handshakeType) {
        return Result.of(Status.MALFORMED, "first handshake message is of type " + (handshakeType & 0xFF) + ", not ClientHello");
    }

    private static Result parseClientHello(ByteBuffer hello) {
        Reader in = new Reader(hello);
        int legacyVersion = in.u16();
        in.skip(32); // random
        in.skip(in.u8()); // legacy_session_id
        int suitesLength = in.u16();
        if (suitesLength % 2 != 0 || suitesLength == 0) {
            return Result.of(Status.MALFORMED, "cipher_suites length " + suitesLength);
        }
        Reader suites = in.sub(suitesLength);
        List<Integer> cipherSuites = new ArrayList<>(suitesLength / 2);
        while (suites.hasMore()) {
            cipherSuites.add(suites.u16());
        }
        int compressionLength = in.u8();
        if (compressionLength == 0) {
            return Result.of(Status.MALFORMED, "no compression methods");
        }
        in.skip(compressionLength);
        String serverName = null;
        List<String> alpn = List.of();
        List<Integer> versions = List.of();
        List<Integer> signatureSchemes = List.of();
        List<Integer> seen = new ArrayList<>();
        if (in.hasMore()) {
            Reader extensions = in.sub(in.u16());
            while (extensions.hasMore()) {
                int type = extensions.u16();
                Reader body = extensions.sub(extensions.u16());
                if (seen.contains(type)) {
                    return Result.of(Status.MALFORMED, "extension " + type + " appears twice");
                }
                seen.add(type);
                switch (type) {
                    case EXTENSION_SERVER_NAME -> serverName = serverName(body);
                    case EXTENSION_ALPN -> alpn = alpn(body);
                    case EXTENSION_SUPPORTED_VERSIONS -> versions = u16List(body.sub(body.u8()));
                    case EXTENSION_SIGNATURE_ALGORITHMS -> signatureSchemes = u16List(body.sub(body.u16()));
                    default -> body.skip(body.remaining());
                }
            }
            if (in.hasMore()) {
                return Result.of(Status.MALFORMED, in.remaining() + " bytes after the extensions");
            }
        }
        return new Result(Status.CLIENT_HELLO,
                new ClientHello(legacyVersion, serverName, alpn, cipherSuites, versions, signatureSchemes, seen), null);
    }

    private static String serverName(Reader body) {
        Reader list = body.sub(body.u16());
        String hostName = null;
        while (list.hasMore()) {
            int nameType = list.u8();
            Reader name = list.sub(list.u16());
            if (nameType == SNI_HOST_NAME && hostName == null) {
                hostName = name.ascii();
            }
        }
        return hostName;
    }

    private static List<String> alpn(Reader body) {
        Reader list = body.sub(body.u16());
        List<String> protocols = new ArrayList<>();
        while (list.hasMore()) {
            int length = list.u8();
            if (length == 0) {
                throw new IllegalArgumentException("empty ALPN protocol name");
            }
            protocols.add(list.sub(length).ascii());
        }
        return protocols;
    }

    private static List<Integer> u16List(Reader list) {
        List<Integer> values = new ArrayList<>();
        while (list.hasMore()) {
            values.add(list.u16());
        }
        return values;
    }

    /**
     * Plain HTTP is recognised by an upper-case method token followed by a space, the way every HTTP
     * client starts a request; the token is checked as far as it has arrived.
     */
    private static Result classifyNonTls(ByteBuffer bytes) {
        int limit = Math.min(bytes.remaining(), 16);
        for (int i = 0; i < limit; i++) {
            int c = bytes.get(bytes.position() + i) & 0xFF;
            if (c == ' ' && i > 0) {
                return Result.of(Status.HTTP, "plain HTTP request on the TLS port");
            }
            if (c < 'A' || c > 'Z') {
                return Result.of(Status.NOT_TLS, "first byte 0x" + Integer.toHexString(bytes.get(bytes.position()) & 0xFF)
                        + " is not a TLS handshake record");
            }
        }
        return limit < 16 ? NEED_MORE : Result.of(Status.NOT_TLS, "neither TLS nor an HTTP request line");
    }

    /** Bounds-checked reads over a slice; any overrun is an {@link IllegalArgumentException}. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer.slice();
        }

        boolean hasMore() {
            return buffer.hasRemaining();
        }

        int remaining() {
            return buffer.remaining();
        }

        int u8() {
            need(1);
            return buffer.get() & 0xFF;
        }

        int u16() {
            need(2);
            return buffer.getShort() & 0xFFFF;
        }

        void skip(int n) {
            need(n);
            buffer.position(buffer.position() + n);
        }

        Reader sub(int n) {
            need(n);
            ByteBuffer slice = buffer.slice();
            slice.limit(n);
            buffer.position(buffer.position() + n);
            return new Reader(slice);
        }

        String ascii() {
            byte[] text = new byte[buffer.remaining()];
            buffer.get(text);
            return new String(text, StandardCharsets.US_ASCII);
        }

        private void need(int n) {
            if (n > buffer.remaining()) {
                throw new IllegalArgumentException("field of " + n + " bytes overruns its enclosing " + buffer.remaining());
            }
        }
    }
}
