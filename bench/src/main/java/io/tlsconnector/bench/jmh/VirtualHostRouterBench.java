package io.tlsconnector.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.VirtualHostRouter;

/** SNI routing among 10,000 host names (9,900 exact, 100 wildcards): hit, wildcard hit, miss, and building the table. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class VirtualHostRouterBench {
    static final int HOSTS = 10_000;
    static final int WILDCARDS = 100;

    List<VirtualHost> hosts;
    VirtualHostRouter router;

    @Setup
    public void setUp() {
        // Descriptions only: build() opens no file, so the paths need not exist.
        CertificateSource source = CertificateSource.pem(Path.of("cert.pem"), Path.of("key.pem"));
        hosts = new ArrayList<>(HOSTS);
        for (int i = 0; i < HOSTS - WILDCARDS; i++) {
            hosts.add(VirtualHost.builder("host" + i + ".example.test").certificate(source).build());
        }
        for (int i = 0; i < WILDCARDS; i++) {
            hosts.add(VirtualHost.builder("*.tenant" + i + ".example.test").certificate(source).build());
        }
        router = new VirtualHostRouter(hosts, hosts.get(0));
    }

    @Benchmark
    public VirtualHost exactName() {
        return router.route("host4711.example.test");
    }

    @Benchmark
    public VirtualHost exactNameInUpperCase() {
        return router.route("HOST4711.Example.Test");
    }

    @Benchmark
    public VirtualHost wildcardName() {
        return router.route("shop.tenant42.example.test");
    }

    @Benchmark
    public VirtualHost unknownNameFallsBackToDefault() {
        return router.route("nobody.example.org");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public VirtualHostRouter buildTableOf10kNames() {
        return new VirtualHostRouter(hosts, hosts.get(0));
    }
}
