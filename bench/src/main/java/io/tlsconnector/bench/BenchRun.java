package io.tlsconnector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code run}: every server, one after the other, each in its own process pinned to one core while the
 * load runs on the other; per server and key type, a cold step, a warm-up, then the steps repeated
 * {@code --reps} times and the medians tabled with ratios against nginx and stock Jetty (JSSE), with the
 * CPU of each operation broken down into user and system time, context switches and system calls. With
 * {@code --rss-handshakes N} the RSS step ({@link RssStep}) follows for a few servers. Raw numbers go to raw.json.
 */
final class BenchRun {
    int seconds = 1;
    int reps = 3;
    int parallel = 4;
    int connections = 8;
    int latencyCount = 240;
    int latencyClients = 8;
    /** Warm-up rounds at most (each one of every measured step); fewer when the JIT is done sooner. */
    int warmupRounds = 1;
    /** The JIT share of the server's CPU over a warm-up round below which the server counts as warm. */
    static final double WARM_JIT_PERCENT = 10;
    double maxMinutes = 10;
    List<String> keys = List.of("ecdsa", "rsa");
    /** Every kind but ours-tomcat-100 (the Tomcat twin of ours-jetty-100, left out to keep the run under 10 minutes). */
    List<ServerKind> servers = Arrays.stream(ServerKind.values()).filter(k -> k != ServerKind.OURS_TOMCAT_100).toList();
    Path out;
    String serverCores = "0";
    String loadCores = "1";
    boolean jfr;
    /** Handshakes the latency clients make against the first server before anything is measured. */
    private static final int LATENCY_CLIENT_WARMUP = 2000;
    private boolean latencyClientsWarm;
    /** Whether the Jetty rows' handler declares it never blocks (Jetty then serves it on the selector's thread). */
    boolean nonBlockingJettyHandler;
    long rssHandshakes = 0;
    long rssEvery = 10_000;
    double rssMinutes = 5;
    /** Null: those of ours-jetty, ours-tomcat, jetty and nginx that {@link #servers} holds. */
    List<ServerKind> rssServers;
    String loadAverageAtStart;
    String loadAverageAtEnd;

    /** server id → key type → metric → one value per repetition. */
    final Map<String, Map<String, Map<String, List<Double>>>> raw = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Server/key → what our library logged about the engine it chose. */
    final Map<String, String> engines = new LinkedHashMap<>();
    final List<RssStep.Result> rss = new ArrayList<>();

    static int main(String[] args) throws Exception {
        BenchRun run = new BenchRun();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--seconds" -> run.seconds = Integer.parseInt(value);
                case "--reps" -> run.reps = Integer.parseInt(value);
                case "--parallel" -> run.parallel = Integer.parseInt(value);
                case "--connections" -> run.connections = Integer.parseInt(value);
                case "--latency-count" -> run.latencyCount = Integer.parseInt(value);
                case "--latency-clients" -> run.latencyClients = Integer.parseInt(value);
                case "--warmup-rounds" -> run.warmupRounds = Integer.parseInt(value);
                case "--max-minutes" -> run.maxMinutes = Double.parseDouble(value);
                case "--keys" -> run.keys = List.of(value.split(","));
                case "--servers" -> run.servers = Arrays.stream(value.split(",")).map(ServerKind::of).toList();
                case "--out" -> run.out = Path.of(value);
                case "--rss-handshakes" -> run.rssHandshakes = Long.parseLong(value);
                case "--rss-every" -> run.rssEvery = Long.parseLong(value);
                case "--rss-minutes" -> run.rssMinutes = Double.parseDouble(value);
                case "--jetty-handler" -> run.nonBlockingJettyHandler = switch (value) {
                    case "blocking" -> false;
                    case "non-blocking" -> true;
                    default -> throw new IllegalArgumentException("--jetty-handler is blocking or non-blocking, not " + value);
                };
                case "--rss-servers" -> run.rssServers = Arrays.stream(value.split(",")).map(ServerKind::of).toList();
                case "--jfr" -> {
                    run.jfr = true;
                    i--;
                }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
            i++;
        }
        run.execute();
        return 0;
    }

    void execute() throws Exception {
        for (String tool : List.of("openssl", "h2load")) {
            if (!Proc.onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install openssl nghttp2-client");
            }
        }
        if (rssServers == null) {
            rssServers = List.of(ServerKind.OURS_JETTY, ServerKind.OURS_TOMCAT, ServerKind.JETTY, ServerKind.NGINX).stream()
                    .filter(servers::contains).toList();
        }
        if ((servers.contains(ServerKind.NGINX) || rssServers.contains(ServerKind.NGINX)) && !Proc.onPath("nginx")) {
            notes.add("nginx is not installed (apt-get install nginx): its row is left out.");
            servers = servers.stream().filter(k -> k != ServerKind.NGINX).toList();
            rssServers = rssServers.stream().filter(k -> k != ServerKind.NGINX).toList();
        }
        if (Runtime.getRuntime().availableProcessors() < 2 || !Proc.onPath("taskset")) {
            notes.add("fewer than 2 cores or no taskset: server and load are not pinned apart.");
            serverCores = null;
            loadCores = null;
        } else {
            // This JVM (the latency probe) runs with the load generators.
            Proc.run(List.of("taskset", "-a", "-p", "-c", loadCores, Long.toString(ProcessHandle.current().pid())), 10);
        }
        if (out == null) {
            out = Path.of("bench", "results",
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        }
        if (nonBlockingJettyHandler) {
            notes.add("--jetty-handler non-blocking: the Jetty rows' handler declares InvocationType.NON_BLOCKING, so Jetty runs"
                    + " each request on the selector's thread; the Tomcat rows' servlet is unchanged.");
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("tls-bench-");
        long deadline = System.nanoTime() + (long) (maxMinutes * 60e9);
        loadAverageAtStart = loadAverage();
        System.out.printf("tls-bench: %d servers × %s, %d reps of %d s each, results in %s; load average %s%n", servers.size(),
                keys, reps, seconds, out, loadAverageAtStart);
        try {
            for (String key : keys) {
                Certs certs = Certs.generate(work, key);
                for (ServerKind kind : servers) {
                    if (System.nanoTime() > deadline) {
                        notes.add("time bound of " + maxMinutes + " min reached: " + kind.id() + "/" + key + " and later skipped.");
                        continue;
                    }
                    // The first key gets every step; further keys the handshake steps only (what differs by key).
                    boolean first = key.equals(keys.get(0));
                    if (!first && (kind.hundredHosts() || kind.choosesJsse())) {
                        continue;
                    }
                    long began = System.nanoTime();
                    measure(kind, certs, work, first);
                    System.out.printf(Locale.ROOT, "  (%.0f s)%n", (System.nanoTime() - began) / 1e9);
                }
            }
            if (rssHandshakes > 0 && !keys.isEmpty()) {
                Certs certs = Certs.generate(work, keys.get(0));
                for (ServerKind kind : rssServers) {
                    measureRss(kind, certs, work);
                }
            }
        } finally {
            deleteTree(work);
        }
        loadAverageAtEnd = loadAverage();
        String table = Report.table(this);
        Files.writeString(out.resolve("raw.json"), Report.json(this));
        Files.writeString(out.resolve("summary.md"), table);
        System.out.println();
        System.out.println(table);
    }

    /** What every measured Java server gets on its command line. */
    private List<String> serverOptions() {
        return List.of("-D" + BenchServer.JETTY_HANDLER_PROPERTY + "=" + (nonBlockingJettyHandler ? "non-blocking" : "blocking"));
    }

    void measure(ServerKind kind, Certs certs, Path work, boolean allSteps) throws Exception {
        System.out.printf("%s / %s: starting%n", kind.id(), certs.keyType());
        Map<String, List<Double>> m = new LinkedHashMap<>();
        raw.computeIfAbsent(kind.id(), k -> new LinkedHashMap<>()).put(certs.keyType(), m);
        Path recording = jfr && kind.isJava() ? out.toAbsolutePath().resolve(kind.id() + "-" + certs.keyType() + ".jfr") : null;
        String sni = kind.sniNames().get(kind.sniNames().size() / 2);
        try (ServerProcess server = ServerProcess.start(kind, certs, work, serverCores, recording, serverOptions())) {
            server.engineLine().ifPresent(line -> engines.put(kind.id() + "/" + certs.keyType(), line));
            // The first seconds after start, measured apart: what a freshly started server costs while the JIT compiles.
            Load.Step cold = Load.sTime(server, loadCores, false, "tls1_3", parallel, 2);
            add(m, "cpu_us_full13_cold", cold.cpuMicrosPerOperation());
            if (!latencyClientsWarm) {
                // The latency clients run in this JVM: compiled before the first server's latency is measured, so the
                // first server of a run is not the one whose latencies include the clients' JIT.
                Load.handshakeLatencies(server, kind.sniNames(), latencyClients, LATENCY_CLIENT_WARMUP, 8000);
                latencyClientsWarm = true;
            }
            // Warm-up, not recorded: rounds of every measured step until the JIT's compiler threads take less than
            // WARM_JIT_PERCENT of the server's CPU over a round, at most warmupRounds rounds.
            int rounds = 0;
            double jitPercent;
            do {
                long jit0 = Proc.jitCpuNanos(server.pid());
                long cpu0 = Proc.cpuNanos(server.pid());
                round(server, kind, sni, allSteps);
                rounds++;
                long cpu = Proc.cpuNanos(server.pid()) - cpu0;
                jitPercent = cpu > 0 ? 100.0 * (Proc.jitCpuNanos(server.pid()) - jit0) / cpu : 0;
                System.out.printf(Locale.ROOT, "  warm-up round %d: JIT %.0f %% of the server's CPU%n", rounds, jitPercent);
            } while (kind.isJava() && jitPercent > WARM_JIT_PERCENT && rounds < warmupRounds);
            add(m, "warmup_rounds", rounds);

            long jit0 = Proc.jitCpuNanos(server.pid());
            long cpu0 = Proc.cpuNanos(server.pid());
            for (int rep = 0; rep < reps; rep++) {
                Round r = round(server, kind, sni, allSteps);
                add(m, "full13_hs_s", r.full13().perSecond());
                add(m, "full12_hs_s", r.full12() == null ? Double.NaN : r.full12().perSecond());
                add(m, "resumed_hs_s", r.resumed().perSecond());
                add(m, "resumed_fraction", r.resumed().operations() > 0 ? (double) r.resumed().reused() / r.resumed().operations() : 0);
                add(m, "cpu_us_full13", r.full13().cpuMicrosPerOperation());
                add(m, "cpu_us_full12", r.full12() == null ? Double.NaN : r.full12().cpuMicrosPerOperation());
                add(m, "cpu_us_resumed", r.resumed().cpuMicrosPerOperation());
                addBreakdown(m, "full13", r.full13());
                if (r.full12() != null) {
                    addBreakdown(m, "full12", r.full12());
                }
                addBreakdown(m, "resumed", r.resumed());
                if (allSteps) {
                    add(m, "req_s", r.requests().perSecond());
                    add(m, "cpu_us_req", r.requests().cpuMicrosPerOperation());
                    addBreakdown(m, "req", r.requests());
                    add(m, "h2_req_s", r.h2() == null ? Double.NaN : r.h2().perSecond());
                    add(m, "cpu_us_h2req", r.h2() == null ? Double.NaN : r.h2().cpuMicrosPerOperation());
                    add(m, "cpu_nojit_us_h2req", r.h2() == null ? Double.NaN : r.h2().cpuMicrosPerOperationWithoutJit());
                    add(m, "big_MB_per_cpu_s_nojit", r.big().cost().cpuNanosWithoutJit() > 0
                            ? r.big().bytes() / 1e6 / (r.big().cost().cpuNanosWithoutJit() / 1e9) : Double.NaN);
                    add(m, "cpu_nojit_us_sni_full13", r.latency().step().cpuMicrosPerOperationWithoutJit());
                    add(m, "big_MB_s", r.big().bytes() / r.big().seconds() / 1e6);
                    add(m, "big_MB_per_cpu_s", r.big().megabytesPerCpuSecond());
                    add(m, "lat_p50_ms", Load.percentile(r.latency().sortedMicros(), 50) / 1000);
                    add(m, "lat_p99_ms", Load.percentile(r.latency().sortedMicros(), 99) / 1000);
                    add(m, "cpu_us_sni_full13", r.latency().step().cpuMicrosPerOperation());
                    add(m, "rss_MB", Proc.rssKib(server.pid()) / 1024.0);
                }
                System.out.printf(Locale.ROOT, "  rep %d: full1.3 %.0f/s (%.0f µs CPU), full1.2 %.0f/s (%.0f µs), resumed %.0f/s"
                                + " (%.0f%% reused, %.0f µs)%s%n", rep + 1, r.full13().perSecond(), r.full13().cpuMicrosPerOperation(),
                        last(m, "full12_hs_s"), last(m, "cpu_us_full12"), r.resumed().perSecond(),
                        100.0 * last(m, "resumed_fraction"), r.resumed().cpuMicrosPerOperation(), !allSteps ? ""
                                : String.format(Locale.ROOT, ", %.0f req/s (%.1f µs), h2 %.0f req/s (%.1f µs), %.0f MB/s,"
                                        + " p50/p99 %.2f/%.2f ms", r.requests().perSecond(), r.requests().cpuMicrosPerOperation(),
                                last(m, "h2_req_s"), last(m, "cpu_us_h2req"), last(m, "big_MB_s"), last(m, "lat_p50_ms"),
                                last(m, "lat_p99_ms")));
            }
            if (kind.isJava()) {
                long cpu = Proc.cpuNanos(server.pid()) - cpu0;
                add(m, "jit_cpu_percent", cpu > 0 ? 100.0 * (Proc.jitCpuNanos(server.pid()) - jit0) / cpu : Double.NaN);
            }
        } catch (Exception e) {
            notes.add(kind.id() + "/" + certs.keyType() + " failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            System.out.println("  FAILED: " + e);
        }
    }

    /** One of each measured step; full12 and the last five are null for a key that gets the TLS 1.3 handshake steps only. */
    record Round(Load.Step full13, Load.Step full12, Load.Step resumed, Load.Step requests, Load.Step h2, Load.Step big,
                 Load.Latencies latency) {
    }

    Round round(ServerProcess server, ServerKind kind, String sni, boolean allSteps) throws Exception {
        Load.Step full13 = Load.sTime(server, loadCores, false, "tls1_3", parallel, seconds);
        if (!allSteps) {
            // The second key is measured on the TLS 1.3 handshakes only (the targets' figures), to keep the run
            // under 10 minutes.
            Load.Step resumed = Load.sTime(server, loadCores, true, null, parallel, seconds);
            return new Round(full13, null, resumed, null, null, null, null);
        }
        Load.Step full12 = Load.sTime(server, loadCores, false, "tls1_2", parallel, seconds);
        Load.Step resumed = Load.sTime(server, loadCores, true, null, parallel, seconds);
        Load.Step requests = Load.h2load(server, loadCores, "/", connections, seconds, false, sni);
        Load.Step h2 = kind.speaksHttp2() ? Load.h2load(server, loadCores, "/", connections, seconds, true, sni) : null;
        Load.Step big = Load.h2load(server, loadCores, "/big", 2, seconds, false, sni);
        Load.Latencies latency = Load.handshakeLatencies(server, kind.sniNames(), latencyClients, latencyCount, 3000);
        return new Round(full13, full12, resumed, requests, h2, big, latency);
    }

    /** User and system CPU, context switches and system calls per operation of one step. */
    private static void addBreakdown(Map<String, List<Double>> m, String step, Load.Step measured) {
        add(m, "cpu_nojit_us_" + step, measured.cpuMicrosPerOperationWithoutJit());
        add(m, "cpu_user_us_" + step, measured.userMicrosPerOperation());
        add(m, "cpu_sys_us_" + step, measured.systemMicrosPerOperation());
        add(m, "cs_" + step, measured.contextSwitchesPerOperation());
        add(m, "syscalls_" + step, measured.syscallsPerOperation());
        add(m, "alloc_KB_" + step, measured.allocatedKilobytesPerOperation());
    }

    void measureRss(ServerKind kind, Certs certs, Path work) throws Exception {
        System.out.printf("%s / %s: RSS over up to %d full handshakes (at most %.1f min)%n", kind.id(), certs.keyType(),
                rssHandshakes, rssMinutes);
        List<String> options = new ArrayList<>(serverOptions());
        options.addAll(RssStep.JVM_OPTIONS);
        try (ServerProcess server = ServerProcess.start(kind, certs, work, serverCores, null, options)) {
            Load.sTime(server, loadCores, false, "tls1_3", parallel, 2); // warm-up (JIT), not counted
            RssStep.Result result = RssStep.measure(server, certs.keyType(), loadCores, parallel, rssHandshakes, rssEvery,
                    (long) (rssMinutes * 60));
            rss.add(result);
            System.out.printf(Locale.ROOT, "  %d handshakes (%d resumed) in %.0f s%s; RSS MB start %.1f, peak %.1f, end %.1f%n",
                    result.handshakes(), result.resumed(), result.seconds(), result.timedOut() ? " (time bound)" : "",
                    result.startKib() / 1024.0, result.peakKib() / 1024.0, result.endKib() / 1024.0);
        } catch (Exception e) {
            notes.add(kind.id() + "/" + certs.keyType() + " RSS step failed: " + e.getMessage().lines().findFirst().orElse(""));
            System.out.println("  FAILED: " + e);
        }
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes), or "?" where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void add(Map<String, List<Double>> m, String metric, double value) {
        m.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
    }

    private static double last(Map<String, List<Double>> m, String metric) {
        List<Double> values = m.get(metric);
        return values.get(values.size() - 1);
    }

    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Removes {@code dir} and everything under it. */
    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    static void sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
