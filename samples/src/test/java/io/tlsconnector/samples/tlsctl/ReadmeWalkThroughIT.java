package io.tlsconnector.samples.tlsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.DistributionProcess;
import io.tlsconnector.testing.ExternalTool;

/**
 * README's tlsctl walk-through, line by line as written (F13, F15, F16): it creates its own pass-phrase files,
 * makes a CA, an encrypted key, a CSR and a certificate, runs the doctor, serves the encrypted key with the
 * sample's {@code --pass} and probes it. Only the sample's port is moved off 8443 (another server may hold it).
 */
class ReadmeWalkThroughIT {
    @TempDir
    Path dir;

    @Test
    void theWalkThroughRunsAsWrittenAndServesTheEncryptedKey() throws IOException {
        ExternalTool.require("openssl");
        List<String> lines = walkThrough();
        Path script = Path.of("tlsctl").toAbsolutePath();
        Path jar = Path.of(System.getProperty("sample.jar")).toAbsolutePath();
        int port = DistributionProcess.freePort();
        DistributionProcess sample = null;
        try {
            for (String line : lines) {
                String command = line.replace("samples/tlsctl", script.toString())
                        .replace("samples/target/tls-samples.jar", jar.toString())
                        .replace("localhost:8443", "localhost:" + port);
                if (command.endsWith("&")) {
                    String foreground = command.substring(0, command.length() - 1).strip() + " --port " + port;
                    assertThat(foreground).contains("--pass file:key.pass");
                    // Without --pass the encrypted key stops start-up, naming the option (not the Java builder).
                    ExternalTool.Result noPass = DistributionProcess.run(dir, Duration.ofSeconds(60),
                            List.of("sh", "-c", foreground.replace("--pass file:key.pass", "")));
                    assertThat(noPass.exitCode()).as(noPass.all()).isNotZero();
                    assertThat(noPass.all()).contains("server.key", "--pass env:NAME").doesNotContain("TlsConfig.builder()");
                    sample = DistributionProcess.start("sample", dir, Map.of(), dir.resolve("sample.log"),
                            List.of("sh", "-c", "exec " + foreground));
                    sample.awaitLog("Serving https://", Duration.ofSeconds(60));
                    continue;
                }
                ExternalTool.Result result = DistributionProcess.run(dir, Duration.ofSeconds(60), List.of("sh", "-c", command));
                assertThat(result.exitCode()).as(line + "\n" + result.all()).isZero();
                if (command.contains(" probe ")) {
                    assertThat(result.all()).as(line).contains("www.example.test");
                }
            }
            assertThat(sample).as("the walk-through starts the sample").isNotNull();
            assertThat(Files.readString(dir.resolve("ca.pass"))).isNotBlank();
        } finally {
            if (sample != null) {
                sample.close();
            }
        }
    }

    /** The commands of README's "tlsctl" block, continuation lines joined and comments dropped. */
    static List<String> walkThrough() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## tlsctl: the FAQ's openssl commands");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : readme.substring(start, end).split("\n")) {
            String line = raw.contains("  # ") ? raw.substring(0, raw.indexOf("  # ")) : raw;
            line = line.strip();
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                commands.add(current.toString().replaceAll(" +", " ").strip());
            }
            current.setLength(0);
        }
        assertThat(commands).as("README's tlsctl block").hasSizeGreaterThan(5);
        return commands;
    }
}
