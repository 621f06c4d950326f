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
        b.append(String.format(Locale.ROOT, "Medians of %d repetitions, %d s per step; server pinned to core %s, load to core %s."
                        + " CPU = server utime+stime (/proc) per completed operation. Ratios: CPU per operation against"
                        + " stock Jetty (JSSE) and nginx with the same key (lower is better), req/s against the same.%n%n",
                run.reps, run.seconds, run.serverCores, run.loadCores));
        if (run.loadAverageAtStart != null) {
            b.append("Load average (1, 5, 15 min) at the start: ").append(run.loadAverageAtStart).append("; at the end: ")
                    .append(run.loadAverageAtEnd).append(".\n\n");
        }
        b.append("| server | key | full 1.3 hs/s | full 1.2 hs/s | resumed hs/s (reused) | keep-alive req/s | /big MB/s"
                + " | hs p50 / p99 ms | RSS MB | CPU µs full 1.3 | CPU µs full 1.2 | CPU µs resumed | CPU µs req"
                + " | full 1.3 CPU vs Jetty / nginx | resumed CPU vs Jetty / nginx | req CPU vs Jetty / nginx | req/s vs Jetty / nginx |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String key : run.keys) {
            for (var server : run.raw.entrySet()) {
                Map<String, List<Double>> m = server.getValue().get(key);
                if (m == null || m.isEmpty()) {
                    continue;
                }
                Map<String, List<Double>> jetty = run.raw.getOrDefault(ServerKind.JETTY.id(), Map.of()).get(key);
                Map<String, List<Double>> nginx = run.raw.getOrDefault(ServerKind.NGINX.id(), Map.of()).get(key);
                b.append("| ").append(server.getKey()).append(" | ").append(key)
                        .append(" | ").append(f0(med(m, "full13_hs_s")))
                        .append(" | ").append(f0(med(m, "full12_hs_s")))
                        .append(" | ").append(f0(med(m, "resumed_hs_s"))).append(" (")
                        .append(f0(100 * med(m, "resumed_fraction"))).append(" %)")
                        .append(" | ").append(f0(med(m, "req_s")))
                        .append(" | ").append(f0(med(m, "big_MB_s")))
                        .append(" | ").append(f2(med(m, "lat_p50_ms"))).append(" / ").append(f2(med(m, "lat_p99_ms")))
                        .append(" | ").append(f0(med(m, "rss_MB")))
                        .append(" | ").append(f0(med(m, "cpu_us_full13")))
                        .append(" | ").append(f0(med(m, "cpu_us_full12")))
                        .append(" | ").append(f0(med(m, "cpu_us_resumed")))
                        .append(" | ").append(f1(med(m, "cpu_us_req")))
                        .append(" | ").append(ratios(m, jetty, nginx, "cpu_us_full13"))
                        .append(" | ").append(ratios(m, jetty, nginx, "cpu_us_resumed"))
                        .append(" | ").append(ratios(m, jetty, nginx, "cpu_us_req"))
                        .append(" | ").append(ratios(m, jetty, nginx, "req_s"))
                        .append(" |\n");
            }
        }
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

    private static String ratios(Map<String, List<Double>> m, Map<String, List<Double>> jetty, Map<String, List<Double>> nginx,
            String metric) {
        return ratio(m, jetty, metric) + " / " + ratio(m, nginx, metric);
    }

    private static String ratio(Map<String, List<Double>> m, Map<String, List<Double>> reference, String metric) {
        if (reference == null) {
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
