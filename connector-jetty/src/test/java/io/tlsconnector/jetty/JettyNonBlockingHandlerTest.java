package io.tlsconnector.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.EngineContract;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TrustingClients;

/**
 * A handler that declares it never blocks is served on the selector's own thread through the connector's TLS
 * connection, as Jetty serves it over its own {@code SslConnection}: no hand-off to a pool thread per request (F25).
 * That hand-off is half the server's CPU per keep-alive request on a small machine (BENCHMARKS.md, change 11), so
 * the connection must pass the handler's invocation type down to the selector rather than report itself blocking.
 * HTTP/1.1 only: Jetty's HTTP/2 connection reads as {@code EITHER}, which its selector hands to a reserved thread
 * whatever the handler declares ({@code AdaptiveExecutionStrategy}), over Jetty's own TLS as over ours.
 */
class JettyNonBlockingHandlerTest extends EngineContract {
    private static final int REQUESTS = 20;

    private Server server;
    private ServerConnector connector;
    private TestPki.Issued localhost;
    private final ThreadRecordingHandler threads = new ThreadRecordingHandler();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path dir) throws Exception {
        localhost = TestPki.create().issueServer("localhost", "localhost", "127.0.0.1");
        server = new Server();
        connector = JettyTls.addConnector(server, "127.0.0.1", 0, tlsConfig()
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.pem(localhost.writeFullChain(dir, "localhost"), localhost.writeKey(dir, "localhost")))
                        .build())
                .build());
        server.setHandler(threads);
        server.start();
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void theRequestsOfAKeepAliveConnectionRunOnTheThreadThatSelectedThem() throws Exception {
        HttpClient.Version version = HttpClient.Version.HTTP_1_1;
        threads.clear();
        HttpClient client = TrustingClients.httpClient(version, localhost.certificate());
        URI uri = URI.create("https://localhost:" + connector.getLocalPort() + "/");
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(version);
        }
        List<String> served = threads.served();
        assertThat(served).hasSize(REQUESTS);
        // The first requests may run elsewhere: the first arrives with the handshake's last flight, on the thread that
        // finished the handshake, and on JSSE Jetty's SslConnection hands the next one or two reads to a pool thread.
        Set<String> once = new LinkedHashSet<>(served.subList(REQUESTS / 2, REQUESTS));
        assertThat(once)
                .as("client port and thread of each request on one %s connection, in order: %s", version, served)
                .hasSize(1);
    }
}
