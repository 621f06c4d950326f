package io.tlsconnector.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ProcessorUtils;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.EarlyRequest;
import io.tlsconnector.testing.EngineContract;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TrustingClients;

/**
 * With a selector per core, the selector's thread reads the ClientHello and runs the handshake itself, as an event
 * loop does, instead of waking a pool thread for each flight of the client (BENCHMARKS.md, changes 13 and 14; F25). A handler
 * that may block (every servlet) never runs there, over HTTP/1.1 or HTTP/2, on a host that checks client certificates
 * or not (such a host keeps its handshakes on the pool, as those checks may ask an OCSP responder).
 */
class JettyHandshakeOnSelectorTest extends EngineContract {
    private static final int BLOCKED_MAX_SECONDS = 20;

    private Server server;
    private Server neverBlocking;
    private ServerConnector quick;
    private ServerConnector open;
    private ServerConnector checking;
    private TestPki.Issued localhost;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final ThreadRecordingHandler quickServed = new ThreadRecordingHandler();
    private final List<String> quickOpened = new CopyOnWriteArrayList<>();
    private final AtomicInteger blocked = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        localhost = pki.issueServer("localhost", "localhost", "127.0.0.1");
        Path clientsCa = TestPki.write(dir.resolve("clients-ca.pem"), TestPki.pem(pki.rootCertificate()));
        CertificateSource certificate = CertificateSource.pem(localhost.writeFullChain(dir, "localhost"), localhost.writeKey(dir, "localhost"));
        server = serverWithASelectorPerCore();
        open = JettyTls.addConnector(server, "127.0.0.1", 0, tlsConfig()
                .virtualHost(VirtualHost.builder("localhost").certificate(certificate).build())
                .build());
        checking = JettyTls.addConnector(server, "127.0.0.1", 0, tlsConfig()
                .virtualHost(VirtualHost.builder("localhost").certificate(certificate).verifyClient(VerifyClient.OPTIONAL)
                        .caCertificateFile(clientsCa).build())
                .build());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws InterruptedException {
                if (request.getHttpURI().getPath().equals("/block")) {
                    blocked.incrementAndGet();
                    release.await(BLOCKED_MAX_SECONDS, TimeUnit.SECONDS);
                }
                record(handled, request.getConnectionMetaData().getHttpVersion() + " on port " + Request.getLocalPort(request));
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();

        neverBlocking = serverWithASelectorPerCore();
        quick = JettyTls.addConnector(neverBlocking, "127.0.0.1", 0, tlsConfig()
                .virtualHost(VirtualHost.builder("localhost").certificate(certificate).build())
                .build());
        quick.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (connection instanceof ClientHelloConnection) {
                    InetSocketAddress client = (InetSocketAddress) connection.getEndPoint().getRemoteSocketAddress();
                    quickOpened.add(client.getPort() + (inSelectorLoop() ? " in the selector's loop" : " on " + Thread.currentThread().getName()));
                }
            }
        });
        neverBlocking.setHandler(quickServed);
        neverBlocking.start();
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        server.stop();
        neverBlocking.stop();
    }

    @Test
    void theConnectorsHaveASelectorPerCore() {
        assertThat(open.getSelectorManager().getSelectorCount()).isEqualTo(ProcessorUtils.availableProcessors());
        assertThat(TlsRoutingConnectionFactory.handshakesOnSelector(open)).isTrue();
    }

    @Test
    void aSmallThreadPoolKeepsJettysShareOfSelectorsAndTheHandshakesOnThePool() {
        assertThat(JettyTls.selectorsPerCore(new Server(new QueuedThreadPool(200)))).isEqualTo(Math.min(ProcessorUtils.availableProcessors(), 12));
        assertThat(JettyTls.selectorsPerCore(new Server(new QueuedThreadPool(20)))).isEqualTo(1);
    }

    /**
     * A handler that never blocks serves a new connection's first request, read with the client's Finished, on the
     * thread that read the ClientHello: ClientHello, handshake and request without a hand-off between threads.
     */
    @Test
    void aHandlerThatNeverBlocksServesTheFirstRequestOnTheThreadThatReadTheClientHello() throws Exception {
        for (int i = 0; i < 5; i++) {
            quickServed.clear();
            try (LogCapture log = LogCapture.start()) {
                assertThat(EarlyRequest.get(quick.getLocalPort(), "localhost", localhost.certificate(), "/")).isEqualTo("HTTP/1.1 200 OK");
                List<String> served = quickServed.served();
                assertThat(served).hasSize(1);
                String clientPort = served.get(0).split(" ")[0];
                String servedBy = served.get(0).split(" ")[1];
                // ConnectionPipeline's DEBUG line, written while the ClientHello is read: "[thread] DEBUG ... SNI ... from /127.0.0.1:port → ..."
                List<String> hello = log.await(line -> line.contains(" from /127.0.0.1:" + clientPort + " → virtual host"), Duration.ofSeconds(5));
                assertThat(hello).hasSize(1);
                assertThat(hello.get(0)).as("the ClientHello's log line, on the thread that read it").startsWith("[" + servedBy + "]");
            }
        }
    }

    /**
     * A new connection is set up by its selector, in the pass that registered its channel (change 14): its ClientHello
     * reader opens inside the selector's loop, not on a pool thread that would then wake the selector to read. (Which
     * thread runs a selector's loop may change between passes, when the selector hands a task that may block to the
     * thread running it and another takes over the loop; so the test looks for the loop, not for a thread.)
     */
    @Test
    void aNewConnectionIsSetUpInsideTheSelectorsLoop() throws Exception {
        quickServed.clear();
        for (int i = 0; i < 5; i++) {
            assertThat(EarlyRequest.get(quick.getLocalPort(), "localhost", localhost.certificate(), "/")).isEqualTo("HTTP/1.1 200 OK");
        }
        List<String> clientPorts = quickServed.served().stream().map(served -> served.split(" ")[0]).toList();
        assertThat(clientPorts).hasSize(5);
        List<String> opened = quickOpened.stream().filter(o -> clientPorts.contains(o.split(" ")[0])).toList();
        assertThat(opened).hasSize(5).allMatch(o -> o.endsWith(" in the selector's loop"));
    }

    /**
     * HTTP/2 connections chosen at the end of a handshake run on the selector's thread answer every stream: eight new
     * connections with twenty concurrent streams each, to a handler that never blocks.
     */
    @Test
    void everyHttp2StreamOfNewConnectionsIsAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            HttpClient client = TrustingClients.httpClient(HttpClient.Version.HTTP_2, localhost.certificate());
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + quick.getLocalPort() + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            for (int s = 0; s < 20; s++) {
                responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHandlerThatMayBlockNeverRunsInANonBlockingInvocation() throws Exception {
        handled.clear();
        for (ServerConnector connector : List.of(open, checking)) {
            for (HttpClient.Version version : HttpClient.Version.values()) {
                get(connector, version);
            }
            // The request in the read that ends the handshake: the selector hands it to the pool.
            assertThat(EarlyRequest.get(connector.getLocalPort(), "localhost", localhost.certificate(), "/"))
                    .isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(List.copyOf(handled)).hasSize(6).allMatch(h -> h.startsWith("may block"), "served by a thread that may block");
    }

    /**
     * Handlers blocked on every selector's connections, by requests read with the handshake's end (HTTP/1.1) or just
     * after it (HTTP/1.1 and HTTP/2): a new connection is still served. Were a blocked handler on a selector's thread,
     * that selector would serve nothing more, and the connections are spread over the selectors in turn.
     */
    @Test
    void handlersBlockedOnEverySelectorLeaveTheSelectorsServing() throws Exception {
        int perKind = 2 * open.getSelectorManager().getSelectorCount();
        release = new CountDownLatch(1);
        blocked.set(0);
        ExecutorService clients = Executors.newCachedThreadPool();
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (int i = 0; i < perKind; i++) {
                pending.add(clients.submit(() -> EarlyRequest.get(open.getLocalPort(), "localhost", localhost.certificate(), "/block")));
                for (HttpClient.Version version : HttpClient.Version.values()) {
                    pending.add(clients.submit(() -> get(open, version, "/block")));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (blocked.get() < pending.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(blocked.get()).as("requests blocked in the handler").isEqualTo(pending.size());
            get(open, HttpClient.Version.HTTP_1_1, "/");
        } finally {
            release.countDown();
            for (Future<?> request : pending) {
                request.get(BLOCKED_MAX_SECONDS, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }
    }

    private void get(ServerConnector connector, HttpClient.Version version) throws Exception {
        get(connector, version, "/");
    }

    private Void get(ServerConnector connector, HttpClient.Version version, String path) throws Exception {
        HttpClient client = TrustingClients.httpClient(version, localhost.certificate());
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + connector.getLocalPort() + path))
                .timeout(Duration.ofSeconds(path.equals("/block") ? 5 + BLOCKED_MAX_SECONDS : 5)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(version);
        return null;
    }

    /** Enough threads for JettyTls to give the connectors a selector per core on any machine. */
    private static Server serverWithASelectorPerCore() {
        return new Server(new QueuedThreadPool(Math.max(200, 16 * ProcessorUtils.availableProcessors() + 16)));
    }

    private static boolean inSelectorLoop() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals(ManagedSelector.class.getName() + "$SelectorProducer")));
    }

    private static void record(List<String> into, String what) {
        String how = Invocable.isNonBlockingInvocation() ? "non-blocking" : "may block";
        into.add(how + ": " + what + " on " + Thread.currentThread().getName());
    }
}
