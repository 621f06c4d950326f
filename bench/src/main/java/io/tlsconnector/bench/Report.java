package io.tlsconnector.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The summary table (medians, ratios against stock Jetty and nginx) and the raw JSON. */
final class Report {
    private Report() {
    }

    static String table(BenchRun run) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Medians of %d repetitions, %d s per step, after warm-up rounds of every step until the"
                        + " JIT took less than %.0f %% of the server's CPU over a round (at most %d); server pinned to core %s,"
                        + " load to core %s. CPU = the server's utime+stime (/proc) per completed operation; \"cold\" = the same"
                        + " figure over the first 2 s after start.%n%n",
                run.reps, run.seconds, BenchRun.WARM_JIT_PERCENT, run.warmupRounds, run.serverCores, run.loadCores));
        if (run.loadAverageAtStart != null) {
            b.append("Load average (1, 5, 15 min) at the start: ").append(run.loadAverageAtStart).append("; at the end: ")
                    .append(run.loadAverageAtEnd).append(".\n\n");
        }
        b.append("| server | key | full 1.3 hs/s | CPU µs full 1.3: all / w/o JIT / cold | CPU µs full 1.2 (w/o JIT)"
                + " | resumed hs/s (reused) | CPU µs resumed (w/o JIT) | HTTP/1.1 req/s | CPU µs req (w/o JIT) | HTTP/2 req/s"
                + " | CPU µs h2 req (w/o JIT) | /big MB/s | /big MB per CPU s (w/o JIT) | hs p50 / p99 ms, " + run.latencyClients
                + " clients | CPU µs per SNI hs (w/o JIT) | RSS MB |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        forEachRow(run, (server, key, m) -> b.append("| ").append(server).append(" | ").append(key)
                .append(" | ").append(f0(med(m, "full13_hs_s")))
                .append(" | ").append(f0(med(m, "cpu_us_full13"))).append(" / ").append(f0(med(m, "cpu_nojit_us_full13")))
                .append(" / ").append(f0(med(m, "cpu_us_full13_cold")))
                .append(" | ").append(f0(med(m, "cpu_us_full12"))).append(" (").append(f0(med(m, "cpu_nojit_us_full12"))).append(")")
                .append(" | ").append(f0(med(m, "resumed_hs_s"))).append(" (").append(f0(100 * med(m, "resumed_fraction"))).append(" %)")
                .append(" | ").append(f0(med(m, "cpu_us_resumed"))).append(" (").append(f0(med(m, "cpu_nojit_us_resumed"))).append(")")
                .append(" | ").append(f0(med(m, "req_s")))
                .append(" | ").append(f1(med(m, "cpu_us_req"))).append(" (").append(f1(med(m, "cpu_nojit_us_req"))).append(")")
                .append(" | ").append(f0(med(m, "h2_req_s")))
                .append(" | ").append(f1(med(m, "cpu_us_h2req"))).append(" (").append(f1(med(m, "cpu_nojit_us_h2req"))).append(")")
                .append(" | ").append(f0(med(m, "big_MB_s")))
                .append(" | ").append(f0(med(m, "big_MB_per_cpu_s"))).append(" (").append(f0(med(m, "big_MB_per_cpu_s_nojit"))).append(")")
                .append(" | ").append(f2(med(m, "lat_p50_ms"))).append(" / ").append(f2(med(m, "lat_p99_ms")))
                .append(" | ").append(f0(med(m, "cpu_us_sni_full13"))).append(" (").append(f0(med(m, "cpu_nojit_us_sni_full13"))).append(")")
                .append(" | ").append(f0(med(m, "rss_MB")))
                .append(" |\n"));

        b.append("\nRatios of server CPU per operation without the JIT's compiler threads (steady state; /big: CPU per MB) against"
                + " nginx and stock Jetty; latency: p99 minus nginx's p99:\n\n");
        b.append("| server | key | full 1.3 vs nginx / Jetty | full 1.2 vs nginx / Jetty | resumed vs nginx / Jetty"
                + " | HTTP/1.1 req vs nginx / Jetty | HTTP/2 req vs nginx / Jetty | /big vs nginx / Jetty | p99 − nginx's p99 ms |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        forEachRow(run, (server, key, m) -> {
            Map<String, List<Double>> jetty = run.raw.getOrDefault(ServerKind.JETTY.id(), Map.of()).get(key);
            Map<String, List<Double>> nginx = run.raw.getOrDefault(ServerKind.NGINX.id(), Map.of()).get(key);
            b.append("| ").append(server).append(" | ").append(key)
                    .append(" | ").append(ratios(m, nginx, jetty, "cpu_nojit_us_full13"))
                    .append(" | ").append(ratios(m, nginx, jetty, "cpu_nojit_us_full12"))
                    .append(" | ").append(ratios(m, nginx, jetty, "cpu_nojit_us_resumed"))
                    .append(" | ").append(ratios(m, nginx, jetty, "cpu_nojit_us_req"))
                    .append(" | ").append(ratios(m, nginx, jetty, "cpu_nojit_us_h2req"))
                    .append(" | ").append(ratio(nginx, m, "big_MB_per_cpu_s_nojit")).append(" / ")
                    .append(ratio(jetty, m, "big_MB_per_cpu_s_nojit"))
                    .append(" | ").append(nginx == null ? "–" : signed(med(m, "lat_p99_ms") - med(nginx, "lat_p99_ms")))
                    .append(" |\n");
        });

        b.append("\nWhere the CPU goes, per operation: user and system CPU µs, context switches (all threads, /proc), system"
                + " calls (perf stat, raw_syscalls:sys_enter) and KB allocated on the Java heap (all threads, ThreadMXBean);"
                + " JIT = the compiler threads' share of the server's CPU during the measured steps.\n\n");
        b.append("| server | key | full 1.3: user / sys µs | ctx sw | syscalls | KB alloc | resumed: user / sys µs | ctx sw"
                + " | syscalls | KB alloc | HTTP/1.1 req: user / sys µs | ctx sw | syscalls | KB alloc | warm-up rounds | JIT % |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        forEachRow(run, (server, key, m) -> b.append("| ").append(server).append(" | ").append(key)
                .append(" | ").append(f0(med(m, "cpu_user_us_full13"))).append(" / ").append(f0(med(m, "cpu_sys_us_full13")))
                .append(" | ").append(f1(med(m, "cs_full13"))).append(" | ").append(f1(med(m, "syscalls_full13")))
                .append(" | ").append(f1(med(m, "alloc_KB_full13")))
                .append(" | ").append(f0(med(m, "cpu_user_us_resumed"))).append(" / ").append(f0(med(m, "cpu_sys_us_resumed")))
                .append(" | ").append(f1(med(m, "cs_resumed"))).append(" | ").append(f1(med(m, "syscalls_resumed")))
                .append(" | ").append(f1(med(m, "alloc_KB_resumed")))
                .append(" | ").append(f1(med(m, "cpu_user_us_req"))).append(" / ").append(f1(med(m, "cpu_sys_us_req")))
                .append(" | ").append(f2(med(m, "cs_req"))).append(" | ").append(f1(med(m, "syscalls_req")))
                .append(" | ").append(f2(med(m, "alloc_KB_req")))
                .append(" | ").append(f0(med(m, "warmup_rounds")))
                .append(" | ").append(f1(med(m, "jit_cpu_percent")))
                .append(" |\n"));

        b.append('\n').append(targets(run));
        if (!run.engines.isEmpty()) {
            b.append("\nEngines our servers logged at start:\n\n");
            run.engines.forEach((server, line) -> b.append("- ").append(server).append(": ").append(line).append('\n'));
        }
        if (!run.rss.isEmpty()) {
            b.append('\n').append(rssTable(run));
        }
        if (!run.notes.isEmpty()) {
            b.append('\n');
            run.notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }

    private interface Row {
        void add(String server, String key, Map<String, List<Double>> metrics);
    }

    private static void forEachRow(BenchRun run, Row row) {
        for (String key : run.keys) {
            for (var server : run.raw.entrySet()) {
                Map<String, List<Double>> m = server.getValue().get(key);
                if (m != null && !m.isEmpty()) {
                    row.add(server.getKey(), key, m);
                }
            }
        }
    }

    /** Issue 24's targets for each of our default and 100-host rows against nginx in this run: the figure and met or not. */
    static String targets(BenchRun run) {
        StringBuilder b = new StringBuilder("Targets against nginx in this run: server CPU per operation without the JIT's"
                + " compiler threads (in brackets: with them):\n\n");
        b.append("| server | target | figure | met |\n|---|---|---:|---|\n");
        List<String> ours = List.of(ServerKind.OURS_JETTY.id(), ServerKind.OURS_TOMCAT.id(), ServerKind.OURS_JETTY_100.id(),
                ServerKind.OURS_TOMCAT_100.id());
        for (String server : ours) {
            Map<String, Map<String, List<Double>>> byKey = run.raw.get(server);
            if (byKey == null) {
                continue;
            }
            for (String key : run.keys) {
                Map<String, List<Double>> m = byKey.get(key);
                Map<String, List<Double>> nginx = run.raw.getOrDefault(ServerKind.NGINX.id(), Map.of()).get(key);
                if (m == null || m.isEmpty() || nginx == null) {
                    continue;
                }
                target(b, server, "full TLS 1.3 handshake, " + key + ", ≤ 1.0× nginx", m, nginx, "cpu_nojit_us_full13", "cpu_us_full13", 1.0, true);
                target(b, server, "resumed TLS 1.3 handshake, " + key + ", ≤ 1.0× nginx", m, nginx, "cpu_nojit_us_resumed", "cpu_us_resumed", 1.0, true);
                if (m.containsKey("cpu_us_req")) {
                    target(b, server, "keep-alive HTTP/1.1 request ≤ 1.5× nginx", m, nginx, "cpu_nojit_us_req", "cpu_us_req", 1.5, true);
                    target(b, server, "HTTP/2 request ≤ 1.0× nginx", m, nginx, "cpu_nojit_us_h2req", "cpu_us_h2req", 1.0, true);
                    target(b, server, "/big MB per CPU second ≥ 1.0× nginx", m, nginx, "big_MB_per_cpu_s_nojit", "big_MB_per_cpu_s", 1.0, false);
                    double p99 = med(m, "lat_p99_ms") - med(nginx, "lat_p99_ms");
                    b.append("| ").append(server).append(" | full-handshake p99, ").append(run.latencyClients)
                            .append(" clients, ≤ nginx's + 1 ms | ").append(signed(p99)).append(" ms | ")
                            .append(Double.isNaN(p99) ? "–" : p99 <= 1.0 ? "met" : "not met").append(" |\n");
                }
            }
        }
        return b.toString();
    }

    private static void target(StringBuilder b, String server, String what, Map<String, List<Double>> m,
                               Map<String, List<Double>> nginx, String steady, String withJit, double bound, boolean atMost) {
        double ratio = med(m, steady) / med(nginx, steady);
        double ratioWithJit = med(m, withJit) / med(nginx, withJit);
        boolean known = !Double.isNaN(ratio) && !Double.isInfinite(ratio);
        String met = !known ? "–" : (atMost ? ratio <= bound : ratio >= bound) ? "met" : "not met";
        b.append("| ").append(server).append(" | ").append(what).append(" | ")
                .append(known ? String.format(Locale.ROOT, "%.2f× (%.2f×)", ratio, ratioWithJit) : "–")
                .append(" | ").append(met).append(" |\n");
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", v);
    }

    static String rssTable(BenchRun run) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "RSS over full TLS 1.3 handshakes: %d parallel `openssl s_time -new -tls1_3 -www /`,"
                        + " up to %d handshakes or %.1f min per server, each server freshly started (Java: -Xms256m -Xmx256m"
                        + " -XX:+AlwaysPreTouch, so the heap is resident from the start) and warmed up for 2 s; VmRSS of the"
                        + " server process (nginx: its worker) at the start, every %d handshakes and at the end.%n%n",
                run.parallel, run.rssHandshakes, run.rssMinutes, run.rssEvery));
        b.append("| server | key | full handshakes (resumed) | s | hs/s | RSS MB start | peak | end | end − start |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RssStep.Result r : run.rss) {
            b.append("| ").append(r.server()).append(" | ").append(r.key())
                    .append(" | ").append(r.handshakes()).append(" (").append(r.resumed()).append(')')
                    .append(r.timedOut() ? ", time bound" : "")
                    .append(" | ").append(f0(r.seconds()))
                    .append(" | ").append(f0(r.perSecond()))
                    .append(" | ").append(f1(r.startKib() / 1024.0))
                    .append(" | ").append(f1(r.peakKib() / 1024.0))
                    .append(" | ").append(f1(r.endKib() / 1024.0))
                    .append(" | ").append(String.format(Locale.ROOT, "%+.1f", (r.endKib() - r.startKib()) / 1024.0))
                    .append(" |\n");
        }
        b.append("\nEvery sample, MB (handshakes done):\n\n");
        for (RssStep.Result r : run.rss) {
            StringJoiner samples = new StringJoiner(", ");
            r.samples().forEach(x -> samples.add(f1(x.rssKib() / 1024.0) + " (" + x.handshakes() + ")"));
            b.append("- ").append(r.server()).append('/').append(r.key()).append(": ").append(samples).append('\n');
        }
        return b.toString();
    }

    private static String ratios(Map<String, List<Double>> m, Map<String, List<Double>> first, Map<String, List<Double>> second,
            String metric) {
        return ratio(m, first, metric) + " / " + ratio(m, second, metric);
    }

    private static String ratio(Map<String, List<Double>> m, Map<String, List<Double>> reference, String metric) {
        if (m == null || reference == null) {
            return "–";
        }
        double r = med(m, metric) / med(reference, metric);
        return Double.isNaN(r) || Double.isInfinite(r) ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static double med(Map<String, List<Double>> m, String metric) {
        return BenchRun.median(m.get(metric));
    }

    private static String f0(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String json(BenchRun run) {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"settings\": {\"seconds\": ").append(run.seconds).append(", \"reps\": ").append(run.reps)
                .append(", \"parallel\": ").append(run.parallel).append(", \"connections\": ").append(run.connections)
                .append(", \"serverCores\": ").append(quote(run.serverCores)).append(", \"loadCores\": ")
                .append(quote(run.loadCores)).append(", \"java\": ").append(quote(System.getProperty("java.version")))
                .append("},\n  \"results\": {");
        StringJoiner servers = new StringJoiner(",", "\n", "\n  ");
        for (var server : run.raw.entrySet()) {
            StringJoiner keys = new StringJoiner(", ", "{", "}");
            for (var key : server.getValue().entrySet()) {
                StringJoiner metrics = new StringJoiner(", ", "{", "}");
                for (var metric : key.getValue().entrySet()) {
                    StringJoiner values = new StringJoiner(", ", "[", "]");
                    metric.getValue().forEach(v -> values.add(Double.isNaN(v) || Double.isInfinite(v) ? "null"
                            : String.format(Locale.ROOT, "%.3f", v)));
                    metrics.add(quote(metric.getKey()) + ": " + values);
                }
                keys.add(quote(key.getKey()) + ": " + metrics);
            }
            servers.add("    " + quote(server.getKey()) + ": " + keys);
        }
        b.append(servers).append("},\n  \"rss\": [");
        StringJoiner rss = new StringJoiner(",", "\n", "\n  ");
        for (RssStep.Result r : run.rss) {
            StringJoiner samples = new StringJoiner(", ", "[", "]");
            r.samples().forEach(x -> samples.add(String.format(Locale.ROOT, "{\"handshakes\": %d, \"seconds\": %.3f, \"rssKib\": %d}",
                    x.handshakes(), x.seconds(), x.rssKib())));
            rss.add(String.format(Locale.ROOT, "    {\"server\": %s, \"key\": %s, \"handshakes\": %d, \"resumed\": %d, \"seconds\": %.3f,"
                    + " \"timedOut\": %b, \"samples\": %s}", quote(r.server()), quote(r.key()), r.handshakes(), r.resumed(),
                    r.seconds(), r.timedOut(), samples));
        }
        b.append(run.rss.isEmpty() ? "" : rss.toString()).append("],\n  \"loadAverage\": {\"start\": ")
                .append(quote(run.loadAverageAtStart)).append(", \"end\": ").append(quote(run.loadAverageAtEnd))
                .append("},\n  \"engines\": {");
        StringJoiner engines = new StringJoiner(", ");
        run.engines.forEach((server, line) -> engines.add(quote(server) + ": " + quote(line)));
        b.append(engines).append("},\n  \"notes\": [");
        StringJoiner notes = new StringJoiner(", ");
        run.notes.forEach(n -> notes.add(quote(n)));
        return b.append(notes).append("]\n}\n").toString();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
