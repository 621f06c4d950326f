package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;

/**
 * Hostile and stalled clients against one adapter: a legitimate client keeps being served while
 * 50,000 malformed first flights per engine (100,000 per container) arrive and while 2,000 connections
 * stall or dribble, and the server gives back every descriptor afterwards. Figures go to the test log for the issue note.
 */
public abstract class RobustnessContract extends EngineContract {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RobustnessContract.class);
    /** Inputs per engine in the default run; {@code -Dtls.soak.inputs=N} runs a longer soak. */
    private static final int INPUTS = Integer.getInteger("tls.soak.inputs", 50_000);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_PENDING = 500;

    private TestPki pki;
    private TlsRuntime runtime;
    private ContainerUnderTest.Running server;
    private SSLContext client;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path dir) throws Exception {
        pki = TestPki.create();
        TestPki.Issued localhost = pki.issueServer("localhost", "localhost", "127.0.0.1");
        runtime = TlsRuntime.start(tlsConfig()
                .handshakeTimeout(HANDSHAKE_TIMEOUT)
                .maxPendingHandshakes(MAX_PENDING)
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.pem(localhost.writeFullChain(dir, "localhost"), localhost.writeKey(dir, "localhost")))
                        .build())
                .build());
        server = container().start(runtime);
        client = TrustingClients.sslContextTrusting(pki.rootCertificate());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Nested
    class MalformedInput {
        @Test
        void fiftyThousandHostileFirstFlightsNeverStopALegitimateClient() throws Exception {
            byte[] hello = HelloCapture.capture(port -> legitimateRequest(port, 5000));
            Duration warmUp = legitimateRequest(server.port(), 5000);
            ProcessResources before = ProcessResources.now();
            ErrorLogWatch errors = ErrorLogWatch.start();
            Legitimate legitimate = new Legitimate();
            AtomicLong sent = new AtomicLong();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long seed = 1000L + t;
                    work.add(senders.submit(() -> {
                        HelloMutator mutator = new HelloMutator(seed);
                        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
                        for (int i = 0; i < INPUTS / 4 && System.nanoTime() < deadline; i++) {
                            sendAndAbort(mutator.mutate(hello), i % 500 == 0);
                            sent.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(9, TimeUnit.MINUTES);
                }
            } finally {
                senders.shutdownNow();
                legitimate.stop();
                errors.stop();
            }
            ProcessResources after = settledResources(before);
            log.info("{}: {} hostile inputs sent; legitimate client {} requests, {} failed, slowest {} ms; fds {} -> {}, threads {} -> {}"
                            + " (warm-up request {} ms)", container().name(), sent.get(), legitimate.served.get(), legitimate.failed.get(),
                    legitimate.slowestMillis.get(), before.fileDescriptors(), after.fileDescriptors(), before.threads(), after.threads(),
                    warmUp.toMillis());
            assertThat(sent.get()).isEqualTo(INPUTS);
            assertThat(legitimate.failed.get()).as("failed legitimate requests: %s", legitimate.lastFailure).isZero();
            assertThat(legitimate.served.get()).isPositive();
            assertThat(after.fileDescriptors()).as("open descriptors after the attack").isLessThanOrEqualTo(before.fileDescriptors() + 16);
            assertThat(liveEnginesSettled()).as("native engines never released after failed handshakes").isZero();
            assertThat(errors.reports()).as("ERROR-level stack traces for client-caused failures").isEmpty();
        }
    }

    @Nested
    class StalledClients {
        @Test
        void twoThousandStalledOrDribblingConnectionsDoNotDelayALegitimateClient() throws Exception {
            List<Socket> stalled = new ArrayList<>();
            AtomicBoolean dribbling = new AtomicBoolean(true);
            Thread dribbler = null;
            try {
                for (int i = 0; i < 2000; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
                    if (i % 2 == 1) {
                        socket.getOutputStream().write(new byte[] {22, 3, 1, 0x02, 0x00}); // a record header, then silence
                    }
                    stalled.add(socket);
                }
                List<Socket> dribblers = stalled.subList(0, 200);
                dribbler = new Thread(() -> {
                    for (int second = 0; dribbling.get() && second < 30; second++) {
                        for (Socket socket : dribblers) {
                            try {
                                socket.getOutputStream().write(1);
                            } catch (IOException closedByServer) {
                                // expected once the handshake deadline has passed
                            }
                        }
                        sleep(1000);
                    }
                }, "dribbler");
                dribbler.setDaemon(true);
                dribbler.start();

                // Past the guard's grace period (1 s) every stalled connection may be closed to make room.
                sleep(1100);
                Duration served = legitimateRequest(server.port(), 5000);
                log.info("{}: legitimate request served in {} ms with 2000 stalled connections open; guard evicted {}, timed out {}",
                        container().name(), served.toMillis(), runtime.handshakeGuard().evicted(), runtime.handshakeGuard().timedOut());
                assertThat(served).isLessThan(Duration.ofSeconds(1));
                assertThat(runtime.handshakeGuard().pendingHandshakes()).isLessThanOrEqualTo(MAX_PENDING);

                // Past the handshake deadline every stalled connection, dribbling or not, has been closed by the server.
                sleep(HANDSHAKE_TIMEOUT.toMillis() + 1500);
                int stillOpen = 0;
                for (Socket socket : stalled) {
                    if (!closedByPeer(socket)) {
                        stillOpen++;
                    }
                }
                assertThat(stillOpen).as("stalled connections the server still holds").isZero();
                assertThat(legitimateRequest(server.port(), 5000)).isLessThan(Duration.ofSeconds(1));
                assertThat(liveEnginesSettled()).as("native engines never released after handshake timeouts").isZero();
            } finally {
                dribbling.set(false);
                if (dribbler != null) {
                    dribbler.join(5000);
                }
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Nested
    class ResourceBounds {
        @Test
        void aClientHelloAnnouncedBeyond16KibIsRefused() throws Exception {
            int claimed = 20 * 1024;
            byte[] header = {22, 3, 1, 0x40, 0x00, 1, (byte) (claimed >> 16), (byte) (claimed >> 8), (byte) claimed};
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
                long start = System.nanoTime();
                socket.getOutputStream().write(header);
                socket.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis() + 3000);
                int answer;
                try {
                    answer = socket.getInputStream().read();
                    while (answer >= 0 && answer != 21) { // skip to the end, or to a TLS alert record
                        answer = socket.getInputStream().read();
                    }
                } catch (java.net.SocketException reset) {
                    answer = -1;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(answer).as("the server closes (or alerts) instead of waiting for 20 KiB").isIn(-1, 21);
                assertThat(took).isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));
            }
            assertThat(legitimateRequest(server.port(), 5000)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Nested
    class Renegotiation {
        @Test
        void aClientThatRenegotiatesIsCutOffWhileOthersAreServed() throws Exception {
            String answer;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
                socket.setSoTimeout(5000);
                javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
                parameters.setProtocols(new String[] {"TLSv1.2"}); // TLS 1.3 has no renegotiation
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
                StringBuilder seen = new StringBuilder();
                try {
                    socket.startHandshake(); // a client-initiated renegotiation
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    seen.append(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
                } catch (java.net.SocketTimeoutException hung) {
                    seen.append("no answer within 5 s: the server neither refused nor served");
                } catch (IOException refused) {
                    seen.append("refused: ").append(refused);
                }
                answer = seen.toString();
            }
            assertThat(answer).as("what the renegotiating client got").doesNotContain("HTTP/1.1 200")
                    .doesNotContain("no answer within");
            assertThat(legitimateRequest(server.port(), 5000)).isLessThan(Duration.ofSeconds(1));
        }
    }

    /** One fresh TLS connection, handshake and HTTP request; returns how long it took. */
    protected Duration legitimateRequest(int port, int timeoutMillis) {
        long start = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("unexpected answer: " + response.lines().findFirst().orElse("(none)"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("legitimate request failed: " + e, e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void sendAndAbort(byte[] input, boolean readAnswer) {
        try (Socket socket = new Socket()) {
            // Reset instead of a graceful close: no TIME_WAIT, so 100,000 connections fit the ephemeral ports.
            socket.setSoLinger(true, 0);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(input);
            if (readAnswer) {
                socket.setSoTimeout(300);
                try {
                    socket.getInputStream().readNBytes(512);
                } catch (IOException timeoutOrReset) {
                    // the server may wait for more bytes, answer with an alert, or close
                }
            }
        } catch (IOException e) {
            // the server may close before all bytes are written; that is an answer too
        }
    }

    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static ProcessResources settledResources(ProcessResources before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ProcessResources now = ProcessResources.now();
        while (now.fileDescriptors() > before.fileDescriptors() + 16 && System.nanoTime() < deadline) {
            sleep(250);
            now = ProcessResources.now();
        }
        return now;
    }

    /** BoringSSL engines made and not yet released, once closing connections have had 10 s to release theirs (JSSE: 0). */
    private int liveEnginesSettled() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runtime.defaultHost().liveEngines() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        return runtime.defaultHost().liveEngines();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client that asks for a page every 100 ms on a fresh connection while the attack runs. */
    private final class Legitimate {
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        volatile Throwable lastFailure;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Legitimate() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        Duration took = legitimateRequest(server.port(), 5000);
                        served.incrementAndGet();
                        slowestMillis.accumulateAndGet(took.toMillis(), Math::max);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        lastFailure = e;
                    }
                    sleep(100);
                }
            }, "legitimate-client");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /**
     * Collects what the server logs at ERROR (SLF4J simple logger on standard error) or SEVERE
     * (java.util.logging, which Tomcat uses) while an attack runs.
     */
    private static final class ErrorLogWatch {
        private final PrintStream originalErr = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private final List<String> severe = new ArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (severe) {
                        severe.add(record.getLoggerName() + ": " + record.getMessage()
                                + (record.getThrown() == null ? "" : " " + record.getThrown()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        static ErrorLogWatch start() {
            ErrorLogWatch watch = new ErrorLogWatch();
            Logger.getLogger("").addHandler(watch.handler);
            System.setErr(new PrintStream(new TeeStream(watch.originalErr, watch.copy), true, StandardCharsets.UTF_8));
            return watch;
        }

        void stop() {
            System.setErr(originalErr);
            Logger.getLogger("").removeHandler(handler);
        }

        List<String> reports() {
            List<String> found = new ArrayList<>();
            String text;
            synchronized (copy) {
                text = copy.toString(StandardCharsets.UTF_8);
            }
            text.lines().filter(line -> line.contains(" ERROR ")).forEach(found::add);
            synchronized (severe) {
                found.addAll(severe);
            }
            return found;
        }
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        TeeStream(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
