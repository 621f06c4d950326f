package io.tlsconnector.bench.jmh;

import java.nio.ByteBuffer;
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

import io.tlsconnector.internal.engine.ClientHelloParser;

/** Cost of peeking the SNI name, ALPN and suites out of a real JDK 17 ClientHello (the SNI-peek fast path). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ClientHelloParserBench {
    ByteBuffer hello;
    ByteBuffer firstHalf;

    @Setup
    public void setUp() throws Exception {
        hello = InMemoryTls.clientHello("www.example.test");
        firstHalf = hello.duplicate();
        firstHalf.limit(hello.limit() / 2);
        if (ClientHelloParser.parse(hello).status() != ClientHelloParser.Status.CLIENT_HELLO) {
            throw new IllegalStateException("fixture is not a ClientHello");
        }
    }

    @Benchmark
    public ClientHelloParser.Result parseCompleteHello() {
        return ClientHelloParser.parse(hello);
    }

    @Benchmark
    public ClientHelloParser.Result parseHalfAHello() {
        return ClientHelloParser.parse(firstHalf);
    }
}
