package io.tlsconnector.passphrase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;

/** Reads a pass-phrase program's output without ever turning it into a String. */
final class ProgramStreams {
    static final int MAX_ANSWER = 8192;

    private ProgramStreams() {
    }

    /** Reads up to {@link #MAX_ANSWER} bytes of a stream on a daemon thread, discarding the rest. */
    static final class Capture {
        final byte[] bytes = new byte[MAX_ANSWER];
        final AtomicInteger length = new AtomicInteger();
        final Thread thread;

        Capture(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] rest = new byte[1024];
                try (in) {
                    int n;
                    int at = 0;
                    while (at < bytes.length && (n = in.read(bytes, at, bytes.length - at)) > 0) {
                        at += n;
                        length.set(at);
                    }
                    while (in.read(rest) > 0) {
                        // discard what follows the answer
                    }
                } catch (IOException e) {
                    // the stream was closed after a time-out; what was read is kept
                } finally {
                    Secrets.wipe(rest);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits at most {@code millis} for the end of the stream; returns the bytes read so far. */
        int await(long millis) throws InterruptedException {
            thread.join(millis);
            return length.get();
        }

        void wipe() {
            Secrets.wipe(bytes);
        }
    }

    /** Logs each line a program writes to its standard error at debug level, on a daemon thread. */
    static void logLines(InputStream err, Logger log, String program) {
        Thread thread = new Thread(() -> {
            try (err) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = err.read()) >= 0) {
                    if (b == '\n') {
                        log.debug("{} (standard error): {}", program, line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (line.size() < 4096) {
                        line.write(b);
                    }
                }
                if (line.size() > 0) {
                    log.debug("{} (standard error): {}", program, line.toString(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                log.debug("{}: standard error closed: {}", program, e.toString());
            }
        }, "pass-phrase-stderr");
        thread.setDaemon(true);
        thread.start();
    }

    /** "30 s", "500 ms": a duration as an operator reads it. */
    static String human(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
