package io.tlsconnector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.testing.TestPki;

/**
 * The engine of a connection is released exactly once whichever comes first: the container's close or the
 * engine itself. Tomcat may close a connection (handshake deadline, client reset seen by the poller) while a
 * worker thread is still making its engine; nothing closes it again after that (F26).
 */
class ConnectionPipelineTest {
    static TestPki.Issued www;

    @BeforeAll
    static void material() throws Exception {
        www = TestPki.create().issueServer("www.example.test", "www.example.test");
    }

    private static TlsRuntime runtime() {
        return TlsRuntime.start(TlsConfig.builder()
                .virtualHost(VirtualHost.builder("www.example.test")
                        .certificate(CertificateSource.of(www.privateKey(), www.fullChain())).build())
                .build());
    }

    private static ConnectionPipeline accepted(TlsRuntime runtime) {
        return ConnectionPipeline.accepted(runtime, null, () -> true, () -> { });
    }

    @Test
    void closingTheConnectionReleasesItsEngine() {
        try (TlsRuntime runtime = runtime()) {
            ConnectionPipeline connection = accepted(runtime);
            connection.createEngine(ByteBuffer.allocate(0), List.of("http/1.1"));
            assertThat(runtime.defaultHost().liveEngines()).isEqualTo(1);
            connection.closed();
            connection.closed();
            assertThat(runtime.defaultHost().liveEngines()).isZero();
        }
    }

    @Test
    void anEngineMadeAfterTheConnectionClosedIsReleasedAtOnce() {
        try (TlsRuntime runtime = runtime()) {
            ConnectionPipeline connection = accepted(runtime);
            connection.closed();
            connection.createEngine(ByteBuffer.allocate(0), List.of("http/1.1"));
            assertThat(runtime.defaultHost().liveEngines()).as("engine of a connection closed before it was made").isZero();
        }
    }

    @RepeatedTest(10)
    void aCloseRacingTheEnginesMakingNeverLeavesItLive() throws Exception {
        try (TlsRuntime runtime = runtime()) {
            int connections = 200;
            ConnectionPipeline[] accepted = new ConnectionPipeline[connections];
            for (int i = 0; i < connections; i++) {
                accepted[i] = accepted(runtime);
            }
            CountDownLatch start = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                await(start);
                for (ConnectionPipeline connection : accepted) {
                    connection.closed();
                }
            });
            closer.start();
            start.countDown();
            for (ConnectionPipeline connection : accepted) {
                connection.createEngine(ByteBuffer.allocate(0), List.of("http/1.1"));
            }
            closer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(runtime.defaultHost().liveEngines()).as("engines of closed connections").isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
