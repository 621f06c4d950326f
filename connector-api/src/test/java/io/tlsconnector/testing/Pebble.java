package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ACME CA for tests: Debian's {@code pebble}, with {@code pebble-challtestsrv} as its DNS server
 * (every name resolves to 127.0.0.1), both on ephemeral 127.0.0.1 ports. Its own HTTPS certificate is
 * made here (trust it with {@link #serverCa()}); the issuing root comes from its management endpoint.
 * Challenges are validated against the connector's ports given at start. Missing programs skip
 * locally and fail under CI.
 */
public final class Pebble implements AutoCloseable {
    private final Path dir;
    private final int acmePort;
    private final int managementPort;
    private final int dnsPort;
    private final int challtestManagementPort;
    private final Path cert;
    private final Path key;
    private final Path serverCa;
    private final X509Certificate serverRoot;
    private Path config;
    private Process pebble;
    private Process dns;

    private Pebble(Path dir) {
        this.dir = dir;
        this.acmePort = freePort();
        this.managementPort = freePort();
        this.dnsPort = freePort();
        this.challtestManagementPort = freePort();
        TestPki pki = TestPki.create();
        TestPki.Issued tls = pki.issueServer("localhost", "localhost", "127.0.0.1");
        this.cert = tls.writeFullChain(dir, "pebble-tls");
        this.key = tls.writeKey(dir, "pebble-tls");
        this.serverRoot = pki.rootCertificate();
        this.serverCa = TestPki.write(dir.resolve("pebble-server-ca.pem"), TestPki.pem(pki.rootCertificate()));
    }

    /**
     * Chooses pebble's ports and makes its HTTPS certificate, so the directory URL and the trust for it
     * are known before the server under test (whose ports pebble must be told) starts.
     */
    public static Pebble prepare(Path dir) {
        ExternalTool.require("pebble");
        ExternalTool.require("pebble-challtestsrv");
        return new Pebble(dir);
    }

    /**
     * Starts pebble validating http-01 on 127.0.0.1:{@code httpPort} and tls-alpn-01 on {@code tlsPort}.
     *
     * @param validity the lifetime of the certificates it issues, or null for pebble's default (years)
     */
    public Pebble start(int httpPort, int tlsPort, Duration validity) {
        this.config = TestPki.write(dir.resolve("pebble-config.json"), """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": false%s
                }}
                """.formatted(acmePort, managementPort, cert, key, httpPort, tlsPort,
                validity == null ? "" : ",\n  \"certificateValidityPeriod\": " + validity.toSeconds()));
        try {
            startDns();
            start();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME directory URL. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /** PEM file of the CA of pebble's own HTTPS certificate (what MDCACertificateFile names). */
    public Path serverCa() {
        return serverCa;
    }

    /** The root that issued the certificates pebble hands out now (from {@code /roots/0}); new at every pebble start. */
    public Path issuingRoot(Path file) {
        HttpClient client = TrustingClients.httpClient(HttpClient.Version.HTTP_1_1, serverRoot);
        try {
            HttpResponse<String> root = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (root.statusCode() != 200) {
                throw new IllegalStateException("pebble /roots/0 answered " + root.statusCode());
            }
            return TestPki.write(file, root.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts pebble (again, after {@link #stop()}): a new CA, no accounts; waits at most 15 s. */
    public synchronized void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("pebble", "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dnsPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pebble.log").toFile()));
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_VA_ALWAYS_VALID", "0");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        builder.environment().put("PEBBLE_CHAIN_LENGTH", "2");
        pebble = builder.start();
        awaitListening(pebble, acmePort, "pebble");
        awaitListening(pebble, managementPort, "pebble");
    }

    /** Publishes a TXT record in pebble's DNS (pebble-challtestsrv's {@code /set-txt}), as a DNS provider would. */
    public void setTxt(String name, String value) throws IOException, InterruptedException {
        manageDns("/set-txt", "{\"host\":\"" + name + "\",\"value\":\"" + value + "\"}");
    }

    /** Removes the TXT records of {@code name} ({@code /clear-txt}). */
    public void clearTxt(String name) throws IOException, InterruptedException {
        manageDns("/clear-txt", "{\"host\":\"" + name + "\"}");
    }

    private void manageDns(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + challtestManagementPort + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("pebble-challtestsrv " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Stops pebble, as a CA outage. */
    public synchronized void stop() {
        stop(pebble);
        pebble = null;
    }

    /** pebble's own log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("pebble.log"));
        } catch (IOException e) {
            return "(no pebble log: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        stop();
        stop(dns);
        dns = null;
    }

    private void startDns() throws IOException {
        List<String> command = new ArrayList<>(List.of("pebble-challtestsrv", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + challtestManagementPort));
        dns = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("challtestsrv.log").toFile())).start();
        awaitListening(dns, challtestManagementPort, "pebble-challtestsrv");
    }

    private void awaitListening(Process process, int port, String name) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at once: " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within 15 s: " + log());
    }

    private static void stop(Process process) {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
