package io.tlsconnector.random;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code egd:/path/to/socket [bytes]}: the Entropy Gathering Daemon protocol over a UNIX socket, as
 * OpenSSL's RAND_query_egd_bytes speaks it: command {@code 0x01 n} ("read up to n bytes without
 * blocking", n ≤ 255) answered by one count byte and that many bytes, repeated until enough came or
 * the daemon has none left.
 */
record EgdSeed(Path socket, int bytes) implements SeedSource {
    static final int DEFAULT_BYTES = 255;
    static final byte READ_NON_BLOCKING = 0x01;

    EgdSeed {
        Objects.requireNonNull(socket, "socket");
        if (bytes < 0) {
            throw new IllegalArgumentException("egd:" + socket + ": the byte count must not be negative, was " + bytes);
        }
    }

    @Override
    public byte[] read() throws IOException {
        int wanted = bytes == 0 ? DEFAULT_BYTES : bytes;
        byte[] seed = new byte[wanted];
        int length = 0;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            while (length < wanted) {
                int ask = Math.min(255, wanted - length);
                channel.write(ByteBuffer.wrap(new byte[] {READ_NON_BLOCKING, (byte) ask}));
                int count = Byte.toUnsignedInt(readFully(channel, 1).get(0));
                if (count == 0) {
                    break;
                }
                if (count > ask) {
                    throw new IOException("the daemon announced " + count + " bytes for a request of " + ask
                            + "; it does not speak the EGD protocol");
                }
                ByteBuffer answer = readFully(channel, count);
                answer.get(seed, length, count);
                Arrays.fill(answer.array(), (byte) 0);
                length += count;
            }
            return Arrays.copyOf(seed, length);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static ByteBuffer readFully(SocketChannel channel, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the daemon closed the connection in the middle of an answer");
            }
        }
        return buffer.flip();
    }

    @Override
    public String toString() {
        return SeedSyntax.format("egd", socket, bytes);
    }
}
