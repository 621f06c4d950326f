package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures what the library logs while it is open: slf4j-simple (the tests' binding) writes to the
 * current {@code System.err}, which this tees into a buffer.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                capture.original.write(b);
                synchronized (capture.captured) {
                    capture.captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                capture.original.write(b, off, len);
                synchronized (capture.captured) {
                    capture.captured.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        return capture;
    }

    /** Every captured line. */
    public List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The captured lines that satisfy {@code wanted}, waiting up to {@code timeout} for at least one. */
    public List<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> found = lines().stream().filter(wanted).toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
