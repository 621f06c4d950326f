package io.tlsconnector.samples.tlsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.ExternalTool;

/** The {@code samples/tlsctl} launcher runs the packaged jar: a self-signed certificate (F14) that openssl reads. */
class TlsctlScriptIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherMakesACertificateOpensslReadsAndFailsWithOneLine() throws Exception {
        // Run through sh: ExternalTool looks programs up on PATH; the executable bit is checked below.
        Path script = Path.of("tlsctl").toAbsolutePath();
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        Path cert = dir.resolve("self.crt");
        Path key = dir.resolve("self.key");

        ExternalTool.Result made = ExternalTool.run(Duration.ofSeconds(60), null, List.of("sh", script.toString(), "selfsign", "--new",
                "--key-out", key.toString(), "--cn", "localhost", "--san", "DNS:localhost,IP:127.0.0.1", "-o", cert.toString()));

        assertThat(made.exitCode()).as(made.all()).isZero();
        assertThat(made.stderr()).as("no log noise").isEmpty();
        ExternalTool.Result hash = ExternalTool.run(Duration.ofSeconds(60), null, List.of("sh", script.toString(), "hash", cert.toString()));
        assertThat(hash.stdout()).isEqualTo(ExternalTool.run("openssl", "x509", "-hash", "-noout", "-in", cert.toString()).stdout());
        ExternalTool.Result failed = ExternalTool.run(Duration.ofSeconds(60), null, List.of("sh", script.toString(), "inspect", "/nonexistent.pem"));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).isEqualTo("tls-samples tlsctl inspect: error: Cannot read the file /nonexistent.pem: no such file; "
                + "check the path.\n");
    }
}
