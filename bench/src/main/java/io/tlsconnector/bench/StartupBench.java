package io.tlsconnector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;

/**
 * {@code startup [--hosts N] [--key ecdsa|rsa]}: wall time of {@code TlsRuntime.start} with N virtual hosts
 * (each opens and checks its own copy of a key and certificate, builds its own context) — cold, the
 * first start in this JVM, and warm, the median of five more.
 */
final class StartupBench {
    private StartupBench() {
    }

    static int main(String[] args) throws Exception {
        int hosts = 100;
        String key = "ecdsa";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--hosts" -> hosts = Integer.parseInt(args[i + 1]);
                case "--key" -> key = args[i + 1];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        Path dir = Files.createTempDirectory("tls-bench-startup-");
        try {
            Certs certs = Certs.generate(dir, key);
            TlsConfig.Builder builder = TlsConfig.builder();
            for (int i = 0; i < hosts; i++) {
                // One file pair per host, as a real deployment has, so every host reads and parses its own.
                Path cert = Files.copy(certs.cert(), dir.resolve("host" + i + ".crt"));
                Path pem = Files.copy(certs.key(), dir.resolve("host" + i + ".key"));
                builder.virtualHost(VirtualHost.builder("host" + i + ".example.test").aliases("localhost" + i)
                        .certificate(CertificateSource.pem(cert, pem)).build());
            }
            TlsConfig config = builder.build();
            double cold = startMillis(config);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                warm.add(startMillis(config));
            }
            System.out.printf(Locale.ROOT, "TlsRuntime.start with %d %s virtual hosts: cold %.0f ms, warm median %.0f ms (runs %s)%n",
                    hosts, key, cold, BenchRun.median(warm), warm.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
            return 0;
        } finally {
            BenchRun.deleteTree(dir);
        }
    }

    private static double startMillis(TlsConfig config) {
        long t0 = System.nanoTime();
        try (TlsRuntime runtime = TlsRuntime.start(config)) {
            double ms = (System.nanoTime() - t0) / 1e6;
            if (runtime.hosts().isEmpty()) {
                throw new IllegalStateException("no hosts started");
            }
            return ms;
        }
    }
}
