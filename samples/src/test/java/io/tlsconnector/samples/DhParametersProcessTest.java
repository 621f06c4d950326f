package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.ExternalTool;

/**
 * DH parameters appended to the certificate file, as mod_ssl reads them (F36): a DHE handshake with
 * {@code openssl s_client} gets exactly the prime {@code openssl dhparam} made, not ffdhe2048. Each
 * container runs as its own sample process, so the JVM-wide JSSE setting starts fresh.
 */
class DhParametersProcessTest {
    /** One certificate file with appended DH parameters for both containers: {@code openssl dhparam} takes a while. */
    @TempDir
    static Path dir;
    static Path key;
    static Path cert;
    static String prime;

    @BeforeAll
    static void certificateWithDhParameters() {
        ExternalTool.require("openssl");
        key = dir.resolve("server.key");
        cert = dir.resolve("server.crt");
        Path dh = dir.resolve("dh.pem");
        ok(ExternalTool.run(Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost")));
        ok(ExternalTool.run(Duration.ofSeconds(180), List.of("openssl", "dhparam", "-out", dh.toString(), "2048")));
        try {
            Files.writeString(cert, Files.readString(cert) + Files.readString(dh));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String text = ExternalTool.run("openssl", "dhparam", "-in", dh.toString(), "-noout", "-text").stdout();
        prime = text.substring(text.indexOf("P:") + 2, text.indexOf("G:")).replaceAll("[\\s:]", "").replaceFirst("^00", "")
                .toLowerCase(Locale.ROOT);
        assertThat(prime).hasSize(512);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aDheHandshakeUsesThePrimeFromTheCertificateFile(String container) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.tlsconnector.samples.Main", container, "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--cert", cert.toString(), "--key", key.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(container + "-server.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException notYet) {
                    assertThat(server.isAlive()).as(Files.readString(dir.resolve(container + "-server.log"))).isTrue();
                    assertThat(System.nanoTime()).as("server listening").isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
            ExternalTool.Result client = ExternalTool.run(Duration.ofSeconds(20), "Q\n".getBytes(), List.of("openssl", "s_client",
                    "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-tls1_2", "-groups", "X25519:P-256", "-cipher", "DHE-RSA-AES128-GCM-SHA256", "-msg"));
            String flight = client.stdout().replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            assertThat(client.stdout()).as(client.all()).contains("Server Temp Key: DH, 2048 bits");
            assertThat(flight).as("the ServerKeyExchange carries the configured prime\n%s", Files.readString(dir.resolve(container + "-server.log")))
                    .contains(prime);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void ok(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
    }
}
