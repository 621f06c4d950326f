package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures what SLF4J's simple logger writes (it writes to {@code System.err} as it is at each
 * call) while still passing it on, so surefire's report keeps it and the leak scan sees it.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged since {@link #start()}. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The captured text, line by line. */
    public List<String> lines() {
        return text().lines().toList();
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

    /** Waits (at most {@code limit}) until the log satisfies {@code condition}; returns the log. */
    public String awaitText(Predicate<String> condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.test(text()) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return text();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
