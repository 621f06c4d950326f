package io.tlsconnector.bench;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The load generators: parallel openssl s_time, h2load, and a Java handshake-latency probe. All bounded. */
final class Load {
    private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in \\d+ real seconds");
    private static final Pattern H2_DONE = Pattern.compile(
            "requests: \\d+ total, \\d+ started, (\\d+) done, \\d+ succeeded, \\d+ failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern H2_BYTES = Pattern.compile("traffic: [^(]*\\((\\d+)\\) total");

    private Load() {
    }

    /** What one load step completed and what it cost the server. */
    record Step(long operations, double seconds, long serverCpuNanos, double bytes, long reused) {
        double perSecond() {
            return seconds > 0 ? operations / seconds : 0;
        }

        double cpuMicrosPerOperation() {
            return operations > 0 ? serverCpuNanos / 1000.0 / operations : Double.NaN;
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
        long cpu0 = Proc.cpuNanos(server.pid());
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
        long cpu = Proc.cpuNanos(server.pid()) - cpu0;
        return new Step(total, elapsed, cpu, 0, reused);
    }

    /** h2load over HTTP/1.1 keep-alive connections for {@code seconds}. */
    static Step h2load(ServerProcess server, String loadCores, String path, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = ServerProcess.pinned(loadCores, List.of("h2load", "--h1", "-t", "1", "-c",
                Integer.toString(connections), "-D", Integer.toString(seconds), "https://127.0.0.1:" + server.port + path));
        long cpu0 = Proc.cpuNanos(server.pid());
        long t0 = System.nanoTime();
        String out = Proc.run(command, seconds + 30L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = Proc.cpuNanos(server.pid()) - cpu0;
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
        return new Step(ok, measured, cpu, traffic, 0);
    }

    /** Sequential full TLS 1.3 handshakes from a JSSE client: latency in microseconds, sorted. */
    static double[] handshakeLatencies(int port, int count, long maxMillis) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        context.getClientSessionContext().setSessionCacheSize(1);
        var factory = context.getSocketFactory();
        double[] micros = new double[count];
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (n < count && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.setTcpNoDelay(true);
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                socket.startHandshake(); // returns once the server's Finished has arrived and ours is sent
                micros[n++] = (System.nanoTime() - t0) / 1000.0;
                socket.getSession().invalidate();
            }
        }
        double[] done = Arrays.copyOf(micros, n);
        Arrays.sort(done);
        return done;
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
