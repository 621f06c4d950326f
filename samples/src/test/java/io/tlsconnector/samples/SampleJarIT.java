package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tlsconnector.testing.ExternalTool;

/** Runs the packaged jar as the README does and asks it with curl (acceptance: README run command). */
class SampleJarIT {

    @ParameterizedTest(name = "java -jar tls-samples.jar {0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void theReadmeRunCommandServesHttps(String container) throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/tls-samples.jar"));
        assertThat(jar).as("built by mvn package").exists();
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), container, "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> ready = new CompletableFuture<>();
            StringBuilder log = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        if (line.contains("Serving https://")) {
                            ready.complete(line);
                        }
                    }
                } catch (IOException ignored) {
                    // process ended
                }
                ready.complete(null);
            });
            reader.setDaemon(true);
            reader.start();
            String line = ready.get(60, TimeUnit.SECONDS);
            assertThat(line).as("server log:\n%s", log).isNotNull();
            synchronized (log) {
                assertThat(log.toString()).contains("development only").contains("SHA-256");
            }

            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                    List.of("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{http_code}", "https://localhost:" + port + "/"));
            assertThat(result.stdout()).as(result.all()).isEqualTo("200");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.size(jar)).isPositive();
    }

    @Test
    void theTlsctlLauncherPrintsTheCipherExpansionOpenSslPrints() {
        Path launcher = Path.of("tlsctl").toAbsolutePath();
        assertThat(launcher).as("samples/tlsctl").isExecutable();
        ExternalTool.Result tlsctl = ExternalTool.run(Duration.ofSeconds(60), List.of("sh", launcher.toString(), "ciphers", "--iana",
                "HIGH:!aNULL:!MD5"));
        ExternalTool.Result openssl = ExternalTool.run(Duration.ofSeconds(20), List.of("openssl", "ciphers", "-stdname", "-tls1_2",
                "HIGH:!aNULL:!MD5"));
        List<String> expected = openssl.stdout().lines().map(l -> l.trim().split("\\s+"))
                .filter(f -> !f[3].equals("TLSv1.3")).map(f -> f[0]).toList();
        assertThat(tlsctl.exitCode()).as(tlsctl.all()).isZero();
        assertThat(tlsctl.stdout().lines().toList()).isEqualTo(expected);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
