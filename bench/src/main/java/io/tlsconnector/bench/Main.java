package io.tlsconnector.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/tls-bench.jar run|server|jmh ...}: the benchmark harness entry point.
 * {@code run} measures every server side by side (see BENCHMARKS.md), {@code server} is what each
 * server JVM runs, {@code jmh} runs the micro-benchmarks with JMH's own options.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "run" -> System.exit(BenchRun.main(rest));
            case "server" -> BenchServer.main(rest);
            case "startup" -> System.exit(StartupBench.main(rest));
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar tls-bench.jar run [--seconds N] [--reps N] [--keys ecdsa,rsa] [--servers a,b,...] [--out DIR] [--jfr]
                              [--max-minutes M] [--rss-handshakes N (100000, 0 skips)] [--rss-every N] [--rss-minutes M]
                              [--rss-servers a,b,...] [--jetty-handler blocking|non-blocking]
                       java -jar tls-bench.jar server KIND CERT.pem KEY.pem KEYSTORE.p12
                       java -jar tls-bench.jar startup [--hosts 100] [--key ecdsa|rsa]
                       java -jar tls-bench.jar jmh [JMH options, e.g. -prof gc]
                servers: %s""".formatted(String.join(",", ServerKind.names())));
    }
}
