package io.tlsconnector.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.ClientHello;
import io.tlsconnector.internal.engine.ClientHelloParser;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.vars.SslVariables;

/** The SSL_* variables of a real TLS 1.3 session: computing them (once per connection) and exporting them (per request). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SslVariablesBench {
    Path dir;
    TlsRuntime runtime;
    LoadedHost host;
    SSLSession session;
    ClientHello hello;
    SslVariables variables;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("tls-bench-vars-");
        Path[] pem = InMemoryTls.certificate(dir, "www.example.test");
        runtime = TlsRuntime.start(TlsConfig.builder()
                .virtualHost(VirtualHost.builder("www.example.test").certificate(CertificateSource.pem(pem[0], pem[1]))
                        .options(SslOption.STD_ENV_VARS).build())
                .build());
        host = runtime.defaultHost();
        hello = ClientHelloParser.parse(InMemoryTls.clientHello("www.example.test")).clientHello();
        SSLEngine server = host.newEngine(null, -1);
        InMemoryTls.handshake(InMemoryTls.client("www.example.test"), server);
        session = server.getSession();
        variables = SslVariables.of(session, host, hello, false);
    }

    @TearDown
    public void tearDown() throws Exception {
        runtime.close();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public SslVariables computePerConnection() {
        return SslVariables.of(session, host, hello, false);
    }

    @Benchmark
    public Map<String, String> exportPerRequest() {
        return variables.exported();
    }

    @Benchmark
    public Object lookupOneVariable() {
        return variables.get("SSL_CIPHER");
    }
}
