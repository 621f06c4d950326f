package io.tlsconnector.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.conscrypt.Conscrypt;

/** The load generators: parallel openssl s_time, h2load, and a Java handshake-latency probe. All bounded. */
final class Load {
    private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in \\d+ real seconds");
    private static final Pattern H2_DONE = Pattern.compile(
            "requests: \\d+ total, \\d+ started, (\\d+) done, \\d+ succeeded, \\d+ failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern H2_BYTES = Pattern.compile("traffic: [^(]*\\((\\d+)\\) total");

    private Load() {
    }

    /** What one load step completed and what it cost the server. */
    record Step(long operations, double seconds, Meter.Reading cost, double bytes, long reused) {
        double perSecond() {
            return seconds > 0 ? operations / seconds : 0;
        }

        double cpuMicrosPerOperation() {
            return perOperation(cost.cpuNanos() / 1000.0);
        }

        double cpuMicrosPerOperationWithoutJit() {
            return perOperation(cost.cpuNanosWithoutJit() / 1000.0);
        }

        double userMicrosPerOperation() {
            return perOperation(cost.userNanos() / 1000.0);
        }

        double systemMicrosPerOperation() {
            return perOperation(cost.systemNanos() / 1000.0);
        }

        double contextSwitchesPerOperation() {
            return perOperation(cost.contextSwitches());
        }

        double syscallsPerOperation() {
            return perOperation(cost.syscalls());
        }

        double allocatedKilobytesPerOperation() {
            return perOperation(cost.allocatedBytes() / 1024.0);
        }

        /** Bytes received per second of server CPU, in MB: the bulk-transfer efficiency. */
        double megabytesPerCpuSecond() {
            return cost.cpuNanos() > 0 ? bytes / 1e6 / (cost.cpuNanos() / 1e9) : Double.NaN;
        }

        private double perOperation(double total) {
            return operations > 0 ? total / operations : Double.NaN;
        }
    }

    /**
     * {@code parallel} openssl s_time processes for {@code seconds}: full handshakes ({@code -new}) or
     * resumed ones ({@code -reuse}), each fetching {@code /} once per connection.
     */
    static Step sTime(ServerProcess server, String loadCores, boolean resume, String protocol, int parallel, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + server.port,
                resume ? "-reuse" : "-new", "-time", Integer.toString(seconds), "-www", "/"));
        if (protocol != null) {
            command.add("-" + protocol);
        }
        List<String> pinned = ServerProcess.pinned(loadCores, command);
        Meter meter = Meter.start(server);
        long t0 = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            processes.add(new ProcessBuilder(pinned).redirectErrorStream(true).start());
        }
        long total = 0;
        long reused = 0;
        for (Process p : processes) {
            String out = Proc.finish(p, pinned, seconds + 30L);
            Matcher m = S_TIME.matcher(out);
            long last = 0;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            total += last;
            if (resume) {
                // s_time prints 'r' per resumed connection and '*' per new one, on the lines before its summary.
                int summary = out.indexOf("connections in");
                String progress = out.substring(0, Math.max(0, summary));
                int from = progress.indexOf("starting");
                for (char c : progress.substring(from < 0 ? 0 : from + "starting".length()).toCharArray()) {
                    if (c == 'r') {
                        reused++;
                    }
                }
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return new Step(total, elapsed, meter.stop(), 0, reused);
    }

    /** h2load over HTTP/1.1 keep-alive connections for {@code seconds}, to {@code localhost} (SNI). */
    static Step h2load(ServerProcess server, String loadCores, String path, int connections, int seconds)
            throws IOException, InterruptedException {
        return h2load(server, loadCores, path, connections, seconds, false, "localhost");
    }

    /**
     * h2load for {@code seconds} over keep-alive connections, HTTP/1.1 or HTTP/2 (ALPN h2, 10 streams in flight
     * per connection), sending {@code sniName} as SNI and Host while connecting to 127.0.0.1.
     */
    static Step h2load(ServerProcess server, String loadCores, String path, int connections, int seconds, boolean http2,
                       String sniName) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("h2load"));
        args.addAll(http2 ? List.of("-m", "10") : List.of("--h1"));
        args.addAll(List.of("-t", "1", "-c", Integer.toString(connections), "-D", Integer.toString(seconds),
                "--connect-to=127.0.0.1:" + server.port, "https://" + sniName + ":" + server.port + path));
        List<String> command = ServerProcess.pinned(loadCores, args);
        Meter meter = Meter.start(server);
        long t0 = System.nanoTime();
        String out = Proc.run(command, seconds + 30L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Meter.Reading cost = meter.stop();
        Matcher done = H2_DONE.matcher(out);
        Matcher bytes = H2_BYTES.matcher(out);
        if (!done.find()) {
            throw new IOException("h2load gave no result: " + out);
        }
        // Completed responses, not h2load's "succeeded": h2load 1.52 counts none of Tomcat's responses (status line
        // "HTTP/1.1 200 " without a reason phrase) as 2xx, so every Tomcat response would count as failed.
        long ok = Long.parseLong(done.group(1)) - Long.parseLong(done.group(2)) - Long.parseLong(done.group(3));
        double traffic = bytes.find() ? Double.parseDouble(bytes.group(1)) : 0;
        // h2load's own duration excludes connection set-up; use it when it reports one.
        Matcher finished = Pattern.compile("finished in ([0-9.]+)(m?s)").matcher(out);
        double measured = elapsed;
        if (finished.find()) {
            measured = Double.parseDouble(finished.group(1)) / ("ms".equals(finished.group(2)) ? 1000 : 1);
        }
        return new Step(ok, measured, cost, traffic, 0);
    }

    /** Full handshakes measured one by one: each latency in microseconds, sorted, and what they cost the server. */
    record Latencies(double[] sortedMicros, Step step) {
    }

    /**
     * {@code clients} clients at once, each making full TLS 1.3 handshakes one after the other (SNI from
     * {@code sniNames} in turn), {@code count} in all or until {@code maxMillis}: the latency of each (time to
     * {@code startHandshake()} returning) and the server's CPU per handshake under that concurrency.
     *
     * <p>The clients are Conscrypt's (BoringSSL) sockets: a client's own handshake CPU is in every latency it
     * measures, and with eight JSSE clients sharing the load core the latency was mostly theirs (nginx's median
     * 25–35 ms with them, 5–6 ms with these, most on the first server of a run while this JVM still compiled
     * them). Each handshake gets a context of its own, so none resumes a session left in a client cache.
     */
    static Latencies handshakeLatencies(ServerProcess server, List<String> sniNames, int clients, int count, long maxMillis)
            throws Exception {
        Provider conscrypt = Conscrypt.newProvider();
        TrustManager[] trustAll = {new TrustAll()};
        java.util.concurrent.ConcurrentLinkedQueue<Double> micros = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        Meter meter = Meter.start(server);
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = started.getAndIncrement()) < count && System.nanoTime() < deadline && failure.get() == null) {
                    try {
                        var factory = fullHandshakeContext(conscrypt, trustAll).getSocketFactory();
                        long begin = System.nanoTime();
                        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", server.port)) {
                            socket.setSoTimeout(10_000);
                            socket.setTcpNoDelay(true);
                            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
                            parameters.setProtocols(new String[] {"TLSv1.3"});
                            parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(sniNames.get(i % sniNames.size()))));
                            socket.setSSLParameters(parameters);
                            socket.startHandshake(); // returns once the server's Finished has arrived and ours is sent
                            micros.add((System.nanoTime() - begin) / 1000.0);
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "latency-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(maxMillis + 15_000);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Meter.Reading cost = meter.stop();
        if (failure.get() != null && micros.isEmpty()) {
            throw failure.get();
        }
        double[] done = micros.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Latencies(done, new Step(done.length, elapsed, cost, 0, 0));
    }

    private static SSLContext fullHandshakeContext(Provider provider, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3", provider);
        context.init(null, trust, null);
        return context;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // a benchmark client: the throw-away certificate is not verified
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
