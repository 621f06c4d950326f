package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Hostile variants of a real ClientHello: bit flips, truncation, extreme lengths, noise, re-framing,
 * SSLv2-style hellos, plain text, oversized announcements and a valid hello followed by garbage.
 */
public final class HelloMutator {
    private final Random random;

    public HelloMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One hostile input derived from {@code hello} (a complete ClientHello in TLS records). */
    public byte[] mutate(byte[] hello) {
        byte[] bytes = hello.clone();
        switch (random.nextInt(10)) {
            case 0 -> { // flip a few bits
                for (int i = random.nextInt(4); i >= 0; i--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncated
            case 2 -> { // a length-like pair overwritten with an extreme value
                int at = random.nextInt(bytes.length - 1);
                bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                bytes[at + 1] = (byte) random.nextInt(256);
            }
            case 3 -> { // noise after a valid record header
                byte[] noise = new byte[random.nextInt(600)];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, 5, Math.min(noise.length, bytes.length - 5));
            }
            case 4 -> { // nothing but noise
                bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
            }
            case 5 -> { // re-framed into random record sizes, then one bit flipped
                bytes = reframe(bytes, 1 + random.nextInt(300));
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case 6 -> { // a valid hello followed by garbage
                byte[] garbage = new byte[1 + random.nextInt(500)];
                random.nextBytes(garbage);
                bytes = Arrays.copyOf(bytes, bytes.length + garbage.length);
                System.arraycopy(garbage, 0, bytes, hello.length, garbage.length);
            }
            case 7 -> // SSLv2-compatible hello header with random body
                bytes = new byte[] {(byte) 0x80, (byte) random.nextInt(256), 0x01, 0x03, (byte) random.nextInt(4), 0x00, 0x15};
            case 8 -> bytes = (random.nextBoolean() ? "GET / HTTP/1.1\r\nHost: x\r\n\r\n" : "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            default -> { // a record announcing a ClientHello far beyond the size cap
                int claimed = 16 * 1024 + 1 + random.nextInt(1 << 20);
                bytes = new byte[] {22, 3, 1, (byte) 0xFF, (byte) 0xFF, 1, (byte) (claimed >> 16), (byte) (claimed >> 8), (byte) claimed};
            }
        }
        return bytes;
    }

    /** The same handshake message in TLS records of at most {@code recordSize} bytes each. */
    public static byte[] reframe(byte[] records, int recordSize) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int at = 0;
        while (at + 5 <= records.length && records[at] == 22) {
            int length = ((records[at + 3] & 0xFF) << 8) | (records[at + 4] & 0xFF);
            int available = Math.min(length, records.length - at - 5);
            message.write(records, at + 5, available);
            at += 5 + length;
        }
        byte[] payload = message.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < payload.length; offset += recordSize) {
            int length = Math.min(recordSize, payload.length - offset);
            out.write(new byte[] {22, 3, 1, (byte) (length >> 8), (byte) length}, 0, 5);
            out.write(payload, offset, length);
        }
        return out.toByteArray();
    }
}
