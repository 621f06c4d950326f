package io.tlsconnector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --rss-handshakes N}: one server process serves up to N full TLS 1.3 handshakes (parallel
 * {@code openssl s_time -new}, each connection a new session) within a time bound, while its resident
 * set ({@code VmRSS}) is read at the start, every {@code every} handshakes and at the end. A native
 * engine that is not released shows as RSS growing with the count; the Java heap is fixed and resident.
 */
final class RssStep {
    /** Java servers of this step pre-touch their fixed heap, so RSS growth is memory outside the heap. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+AlwaysPreTouch");

    private RssStep() {
    }

    /** RSS after {@code handshakes} full handshakes, {@code seconds} into the step. */
    record Sample(long handshakes, double seconds, long rssKib) {
    }

    /** One server's step: what was done and every sample, first (start) to last (end). */
    record Result(String server, String key, long handshakes, long resumed, double seconds, long target, boolean timedOut,
                  List<Sample> samples) {
        long startKib() {
            return samples.get(0).rssKib();
        }

        long endKib() {
            return samples.get(samples.size() - 1).rssKib();
        }

        long peakKib() {
            return samples.stream().mapToLong(Sample::rssKib).max().orElse(0);
        }

        double perSecond() {
            return seconds > 0 ? handshakes / seconds : 0;
        }
    }

    /**
     * Drives {@code target} full handshakes (or as many as {@code maxSeconds} allow) at {@code server} from
     * {@code parallel} s_time processes, restarting any that exits early, and samples RSS along the way.
     */
    static Result measure(ServerProcess server, String key, String loadCores, int parallel, long target, long every,
                          long maxSeconds) throws IOException, InterruptedException {
        List<String> command = ServerProcess.pinned(loadCores, List.of("openssl", "s_time", "-connect",
                "127.0.0.1:" + server.port, "-new", "-tls1_3", "-time", Long.toString(maxSeconds + 5), "-www", "/"));
        long pid = server.workerPid();
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(0, 0, Proc.rssKib(pid)));
        AtomicLong full = new AtomicLong();
        AtomicLong resumed = new AtomicLong();
        Process[] clients = new Process[parallel];
        List<Thread> readers = new ArrayList<>();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(maxSeconds);
        long nextMark = every;
        boolean timedOut = false;
        try {
            while (true) {
                long done = full.get() + resumed.get();
                if (done >= nextMark) {
                    samples.add(new Sample(done, (System.nanoTime() - t0) / 1e9, Proc.rssKib(pid)));
                    while (nextMark <= done) {
                        nextMark += every;
                    }
                }
                if (done >= target) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                if (!server.process.isAlive()) {
                    throw new IOException(server.kind.id() + " exited after " + done + " handshakes");
                }
                for (int i = 0; i < parallel; i++) {
                    if (clients[i] == null || !clients[i].isAlive()) {
                        clients[i] = start(command, full, resumed, readers);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } finally {
            for (Process client : clients) {
                if (client != null) {
                    client.destroy();
                }
            }
            for (Process client : clients) {
                if (client != null && !client.waitFor(5, TimeUnit.SECONDS)) {
                    client.destroyForcibly();
                }
            }
            for (Thread reader : readers) {
                reader.join(2000); // what a stopped client printed last is counted too
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long done = full.get() + resumed.get();
        samples.add(new Sample(done, seconds, Proc.rssKib(pid)));
        return new Result(server.kind.id(), key, done, resumed.get(), seconds, target, timedOut, samples);
    }

    /**
     * One s_time process whose progress is counted as it arrives: after its first line it prints one
     * character per connection, {@code *} for a new session and {@code r} for a resumed one, then a
     * blank line and its summary.
     */
    private static Process start(List<String> command, AtomicLong full, AtomicLong resumed, List<Thread> readers)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> {
            int newlines = 0;
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    for (int i = 0; i < n; i++) {
                        byte c = buffer[i];
                        if (c == '\n') {
                            newlines++;
                        } else if (newlines == 1 && c == 'r') {
                            resumed.incrementAndGet();
                        } else if (newlines == 1 && (c == '*' || c == 't' || c == '3')) {
                            full.incrementAndGet();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the client was stopped
            }
        }, "s_time reader");
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
        return process;
    }
}
