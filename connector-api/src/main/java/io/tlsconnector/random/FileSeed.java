package io.tlsconnector.random;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** {@code file:/path [bytes]}; opening a FIFO blocks until a writer appears, so it is read off the handshake path. */
record FileSeed(Path file, int bytes) implements SeedSource {
    static final int WHOLE_FILE_LIMIT = 1 << 20;

    FileSeed {
        Objects.requireNonNull(file, "file");
        if (bytes < 0) {
            throw new IllegalArgumentException("file:" + file + ": the byte count must not be negative, was " + bytes);
        }
    }

    @Override
    public byte[] read() throws IOException {
        int wanted = bytes == 0 ? WHOLE_FILE_LIMIT : bytes;
        byte[] buffer = new byte[wanted];
        try (InputStream in = Files.newInputStream(file)) {
            int length = in.readNBytes(buffer, 0, wanted);
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return SeedSyntax.format("file", file, bytes);
    }
}
