package io.tlsconnector.random;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code exec:/path [bytes]}: the program gets the byte count as its argument, as mod_ssl runs it. */
record ExecSeed(Path program, int bytes) implements SeedSource {
    ExecSeed {
        Objects.requireNonNull(program, "program");
        if (bytes < 0) {
            throw new IllegalArgumentException("exec:" + program + ": the byte count must not be negative, was " + bytes);
        }
    }

    @Override
    public byte[] read() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(program.toString(), Integer.toString(bytes))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int wanted = bytes == 0 ? FileSeed.WHOLE_FILE_LIMIT : bytes;
        byte[] buffer = new byte[wanted];
        AtomicInteger length = new AtomicInteger();
        // A pipe read cannot be interrupted, so it runs on its own thread and this one waits interruptibly.
        Thread reader = new Thread(() -> {
            try (InputStream out = process.getInputStream()) {
                length.set(out.readNBytes(buffer, 0, wanted));
            } catch (IOException e) {
                // the program was stopped; what it wrote is kept
            }
        }, "seed-exec-reader");
        reader.setDaemon(true);
        try {
            process.getOutputStream().close();
            reader.start();
            reader.join();
            if (bytes == 0 || length.get() < wanted) {
                int status = process.waitFor();
                if (status != 0) {
                    throw new IOException("the program exited with status " + status);
                }
            }
            // mod_ssl takes at most the asked bytes; a program that writes more is not waited for
            return Arrays.copyOf(buffer, length.get());
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            reader.join(1_000);
            Arrays.fill(buffer, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return SeedSyntax.format("exec", program, bytes);
    }
}
