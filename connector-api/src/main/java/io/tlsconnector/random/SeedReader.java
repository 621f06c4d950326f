package io.tlsconnector.random;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads one source on a pool thread, waiting at most a deadline; the caller's thread never blocks longer. */
final class SeedReader {
    /**
     * @param bytes   what the source delivered, or {@code null}
     * @param failure why it delivered nothing, or {@code null}
     * @param pending the read still running after the deadline, or {@code null}
     * @param millis  how long the read took (or was waited for)
     */
    record Result(byte[] bytes, String failure, Future<byte[]> pending, long millis) {
        String summary() {
            return failure != null ? failure : bytes.length + " bytes in " + millis + " ms";
        }
    }

    private final ExecutorService pool;

    SeedReader(ExecutorService pool) {
        this.pool = pool;
    }

    Result read(SeedSource source, Duration deadline) {
        long began = System.nanoTime();
        // done completes only when the read really ends, even after the deadline gave up on it
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        Future<?> read = pool.submit(() -> {
            try {
                done.complete(source.read());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            byte[] bytes = done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(bytes, null, null, elapsed(began));
        } catch (TimeoutException e) {
            read.cancel(true);
            return new Result(null, "delivered nothing within " + human(deadline) + " (it blocks, e.g. a FIFO without writer "
                    + "or a program that does not answer)", done, elapsed(began));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Result(null, "could not be read: " + reason, null, elapsed(began));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read.cancel(true);
            return new Result(null, "was interrupted", null, elapsed(began));
        }
    }

    private static long elapsed(long began) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
