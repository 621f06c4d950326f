package io.tlsconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tlsconnector.testing.ExternalTool;

/**
 * The harness starts and stops each kind of server and measures one short figure; the real benchmark
 * is {@code java -jar bench/target/tls-bench.jar run} (BENCHMARKS.md), never part of the build.
 */
class BenchSmokeTest {
    @TempDir
    static Path dir;
    static Certs certs;

    @BeforeAll
    static void certificate() throws Exception {
        ExternalTool.require("openssl");
        certs = Certs.generate(dir, "ecdsa");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void eachServerServesTheSmallAndTheBigBodyAndStops(ServerKind kind) throws Exception {
        if (kind == ServerKind.NGINX) {
            ExternalTool.require("nginx");
        }
        ServerProcess server = ServerProcess.start(kind, certs, dir, null);
        try {
            assertThat(get(server.port, "/")).hasSize(12);
            assertThat(get(server.port, "/big")).hasSize(1 << 20);
            switch (kind) {
                case OURS_JETTY, OURS_TOMCAT, OURS_JETTY_100, OURS_TOMCAT_100 -> assertThat(server.engineLine()).hasValueSatisfying(line -> assertThat(line)
                        .startsWith("Virtual host 'localhost': ").contains("BoringSSL").doesNotContain("JSSE"));
                case OURS_JETTY_JSSE, OURS_TOMCAT_JSSE -> assertThat(server.engineLine()).hasValueSatisfying(line -> assertThat(line)
                        .startsWith("Virtual host 'localhost': ").contains("JSSE").doesNotContain("BoringSSL"));
                default -> assertThat(server.engineLine()).isEmpty();
            }
            if (kind.speaksHttp2()) {
                String sni = kind.sniNames().get(kind.sniNames().size() / 2);
                Load.Step h2 = Load.h2load(server, null, "/", 2, 1, true, sni);
                assertThat(h2.operations()).as("HTTP/2 requests to %s with SNI %s", kind.id(), sni).isPositive();
            }
        } finally {
            server.close();
        }
        assertThat(server.process.isAlive()).isFalse();
        assertThat(server.process.descendants().count()).isZero();
    }

    @Test
    void oneShortFigureIsMeasuredFromTheServersOwnCpuTime() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerKind.OURS_JETTY_100, certs, dir, null)) {
            Load.Latencies latencies = Load.handshakeLatencies(server, ServerKind.OURS_JETTY_100.sniNames(), 4, 20, 10_000);
            assertThat(latencies.sortedMicros()).hasSize(20);
            assertThat(Load.percentile(latencies.sortedMicros(), 50)).isPositive();
            assertThat(latencies.step().cost().cpuNanos()).isPositive();
            assertThat(latencies.step().cost().contextSwitches()).isPositive();
            assertThat(latencies.step().cpuMicrosPerOperation()).isPositive();
            if (Meter.perfAvailable()) {
                assertThat(latencies.step().syscallsPerOperation()).as("system calls counted by perf stat").isPositive();
            }
            assertThat(Proc.rssKib(server.pid())).isPositive();
            assertThat(Proc.jitCpuNanos(server.pid())).as("the CPU of the JVM's compiler threads").isPositive();
            assertThat(latencies.step().cost().allocatedBytes()).as("heap bytes the server allocated, from its own answer").isPositive();
        }
    }

    @Test
    void theRssStepCountsFullHandshakesAndSamplesAtEachMark() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerKind.OURS_JETTY, certs, dir, null, null, RssStep.JVM_OPTIONS)) {
            RssStep.Result result = RssStep.measure(server, "ecdsa", null, 2, 100, 50, 20);
            assertThat(result.handshakes()).isGreaterThanOrEqualTo(100);
            assertThat(result.resumed()).isZero();
            assertThat(result.timedOut()).isFalse();
            assertThat(result.samples()).hasSizeGreaterThanOrEqualTo(4); // start, 50, 100, end
            assertThat(result.samples()).allSatisfy(s -> assertThat(s.rssKib()).isGreaterThan(256 * 1024)); // pre-touched heap
            BenchRun run = new BenchRun();
            run.rss.add(result);
            assertThat(Report.rssTable(run)).contains("| ours-jetty | ecdsa | " + result.handshakes() + " (0) |");
        }
    }

    @Test
    void mediansAndTheTableIgnoreMissingReferences() {
        assertThat(BenchRun.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchRun.median(List.of(4.0, 1.0))).isEqualTo(2.5);
        BenchRun run = new BenchRun();
        run.keys = List.of("ecdsa");
        run.raw.put("ours-jetty", java.util.Map.of("ecdsa", java.util.Map.of("cpu_us_full13", List.of(100.0))));
        assertThat(Report.table(run)).contains("| ours-jetty | ecdsa |").contains("– / –").contains("Targets against nginx");
        assertThat(Report.json(run)).contains("\"cpu_us_full13\": [100.000]");
    }

    private static byte[] get(int port, String path) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setSSLSocketFactory(context.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        assertThat(connection.getResponseCode()).isEqualTo(200);
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        } finally {
            connection.disconnect();
        }
    }
}
