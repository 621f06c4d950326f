package io.tlsconnector.spi;

import java.nio.ByteBuffer;

/**
 * Joins the buffers of one write before they are sealed, for engines that seal each buffer of a wrap call in a TLS
 * record of its own ({@link ConnectionPipeline#sealsEachBufferApart()}: BoringSSL's). The containers hand the engine
 * a response's header and body, or an HTTP/2 frame's header and payload, as separate buffers; JSSE seals them in one
 * record, BoringSSL's engine in one record each. Joined first, a write that fits one record leaves in one record on
 * both engines: fewer records to seal, fewer bytes to send.
 */
public final class RecordJoin {
    /** The most plaintext one TLS record carries (RFC 8446 §5.1). */
    public static final int MAX_RECORD_PLAINTEXT = 16384;

    private RecordJoin() {
    }

    /**
     * The bytes of {@code buffers[offset, offset + length)} when they are worth joining — at least two hold bytes and
     * all of them fit one record — or -1 to seal them as they are.
     */
    public static int joinable(ByteBuffer[] buffers, int offset, int length) {
        int total = 0;
        int filled = 0;
        for (int i = offset; i < offset + length; i++) {
            int remaining = buffers[i].remaining();
            if (remaining > 0) {
                filled++;
                total += remaining;
                if (total > MAX_RECORD_PLAINTEXT) {
                    return -1;
                }
            }
        }
        return filled < 2 ? -1 : total;
    }

    /**
     * Copies the remaining bytes of {@code buffers[offset, offset + length)} into {@code joined}, from its start,
     * and flips it for reading; the buffers' positions are left where they were.
     */
    public static void join(ByteBuffer[] buffers, int offset, int length, ByteBuffer joined) {
        joined.clear();
        for (int i = offset; i < offset + length; i++) {
            joined.put(buffers[i].duplicate());
        }
        joined.flip();
    }

    /** Advances {@code buffers[offset, offset + length)}, in order, past the {@code consumed} bytes the engine took from the join. */
    public static void consumed(ByteBuffer[] buffers, int offset, int length, long consumed) {
        long left = consumed;
        for (int i = offset; i < offset + length && left > 0; i++) {
            int taken = (int) Math.min(left, buffers[i].remaining());
            buffers[i].position(buffers[i].position() + taken);
            left -= taken;
        }
    }
}
