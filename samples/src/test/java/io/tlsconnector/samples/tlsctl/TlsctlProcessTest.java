package io.tlsconnector.samples.tlsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.ExternalTool;

/**
 * tlsctl run as a user runs it: a separate JVM whose stdout, stderr and exit code are read, beside
 * what openssl says about the same files. Output printed without a newline used to be lost at exit.
 */
class TlsctlProcessTest {
    @TempDir
    Path dir;

    private Path cert;
    private Path key;
    private Path otherKey;

    @BeforeEach
    void makeCertificates() {
        ExternalTool.require("openssl");
        cert = dir.resolve("server.crt");
        key = dir.resolve("server.key");
        otherKey = dir.resolve("other.key");
        ok(ExternalTool.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        ok(ExternalTool.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey.toString()));
    }

    private static void ok(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    /** {@code java -cp <test class path> io.tlsconnector.samples.Main tlsctl ...}, as the jar's main runs it. */
    private static ExternalTool.Result tlsctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.tlsconnector.samples.Main", "tlsctl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tlsctl " + String.join(" ", arguments) + " still running after 60 s");
        }
        return new ExternalTool.Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void versionPrintsTheReport() throws Exception {
        ExternalTool.Result run = tlsctl("version");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).contains("tls-connector").contains(System.getProperty("java.version"));
        // the native engine, as Netty itself reports it in this JVM
        assertThat(io.netty.handler.ssl.OpenSsl.isAvailable()).isTrue();
        assertThat(run.stdout()).contains("BoringSSL engine:  " + io.netty.handler.ssl.OpenSsl.versionString() + " (netty-tcnative 2.0.84.Final, loaded)");
    }

    @Test
    void inspectPrintsTheFingerprintOpensslPrints() throws Exception {
        ExternalTool.Result run = tlsctl("inspect", cert.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        String openssl = ExternalTool.run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert.toString()).stdout();
        String fingerprint = openssl.substring(openssl.indexOf('=') + 1).strip();
        assertThat(run.stdout()).containsIgnoringCase(fingerprint).contains("localhost");
    }

    @Test
    void matchSaysWhatOpensslSaysForAMatchingAndAMismatchedPair() throws Exception {
        String certKey = ExternalTool.run("openssl", "x509", "-noout", "-pubkey", "-in", cert.toString()).stdout();
        String sameKey = ExternalTool.run("openssl", "pkey", "-pubout", "-in", key.toString()).stdout();
        String otherPublic = ExternalTool.run("openssl", "pkey", "-pubout", "-in", otherKey.toString()).stdout();
        assertThat(certKey).isEqualTo(sameKey).isNotEqualTo(otherPublic);

        ExternalTool.Result matching = tlsctl("match", "--cert", cert.toString(), "--key", key.toString());
        assertThat(matching.exitCode()).as(matching.all()).isZero();
        assertThat(matching.stdout()).isNotBlank();

        ExternalTool.Result mismatched = tlsctl("match", "--cert", cert.toString(), "--key", otherKey.toString());
        assertThat(mismatched.exitCode()).as(mismatched.all()).isEqualTo(1);
        assertThat(mismatched.stdout()).as("the report says why, not just exit code 1").isNotBlank()
                .isNotEqualTo(matching.stdout());
    }

    @Test
    void doctorPrintsItsVerdictOnACertificateAndKey() throws Exception {
        ExternalTool.Result good = tlsctl("doctor", "--cert", cert.toString(), "--key", key.toString());
        assertThat(good.stdout()).as(good.all()).isNotBlank();
        ExternalTool.Result bad = tlsctl("doctor", "--cert", cert.toString(), "--key", otherKey.toString());
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(1);
        assertThat(bad.stdout()).contains("PROBLEM").contains(otherKey.toString());
    }

    @Test
    void doctorGivesTheServersVerdictOnAKeyOthersCanRead() throws Exception {
        Path readable = dir.resolve("readable.key");
        Files.copy(key, readable, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(readable, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        ExternalTool.Result run = tlsctl("doctor", "--cert", cert.toString(), "--key", readable.toString());
        assertThat(run.exitCode()).as("starts with a warning: %s", run.all()).isEqualTo(2);
        assertThat(run.stdout()).contains("warning: the unencrypted private key is readable by group or others.")
                .contains("a server would start, but clients may fail");
        try (io.tlsconnector.runtime.TlsRuntime started = io.tlsconnector.runtime.TlsRuntime.start(io.tlsconnector.config.TlsConfig.builder()
                .virtualHost(io.tlsconnector.config.VirtualHost.builder("localhost")
                        .certificate(io.tlsconnector.config.CertificateSource.pem(cert, readable)).build()).build())) {
            assertThat(started.hosts()).as("the server starts on the same files").hasSize(1);
        }
    }

    @Test
    void doctorConfRefusesWhatTheServerRefusesInTheWholeConfiguration() throws Exception {
        Path conf = dir.resolve("httpd-ticket.conf");
        Path missing = dir.resolve("nowhere/ticket.key");
        Files.writeString(conf, String.join("\n", "Listen 127.0.0.1:8443", "SSLSessionTicketKeyFile " + missing,
                "<VirtualHost 127.0.0.1:8443>", "  ServerName localhost", "  SSLEngine on", "  SSLCertificateFile " + cert,
                "  SSLCertificateKeyFile " + key, "</VirtualHost>") + "\n");
        ExternalTool.Result run = tlsctl("doctor", "--conf", conf.toString());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.stdout()).contains("PROBLEM").contains(missing.toString()).contains("a server would refuse to start");
    }

    /**
     * Issue 19: a full configuration (SSLPassPhraseDialog exec:, stapling, HSTS, a :80 redirect host) used to make
     * {@code doctor --conf} exit 1 printing nothing. Every note and verdict is printed; the exit status is documented.
     */
    @Test
    void doctorConfOnAFullConfigurationPrintsEveryNoteAndItsVerdict() throws Exception {
        String pass = io.tlsconnector.testing.TestSecrets.passPhrase("doctor-full-conf");
        Path encrypted = dir.resolve("encrypted.key");
        ok(ExternalTool.run("openssl", "pkey", "-in", key.toString(), "-aes256", "-passout", "pass:" + pass, "-out", encrypted.toString()));
        Path helper = dir.resolve("pass-helper.sh");
        Files.writeString(helper, "#!/bin/sh\n[ \"$1\" = \"localhost:18443\" ] && echo '" + pass + "'\nexit 0\n");
        Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path conf = dir.resolve("httpd-full.conf");
        Files.writeString(conf, String.join("\n", "Listen 18443", "Listen 18080", "SSLPassPhraseDialog exec:" + helper,
                "SSLStaplingCache shmcb:" + dir.resolve("stapling") + "(128000)",
                "<VirtualHost *:18080>", "  ServerName localhost", "  Redirect permanent / https://localhost:18443/", "</VirtualHost>",
                "<VirtualHost *:18443>", "  ServerName localhost:18443", "  SSLEngine on", "  SSLCertificateFile " + cert,
                "  SSLCertificateKeyFile " + encrypted, "  SSLUseStapling on",
                "  Header always set Strict-Transport-Security \"max-age=63072000\"", "</VirtualHost>") + "\n");
        ExternalTool.Result run = tlsctl("doctor", "--conf", conf.toString());
        // The helper answers only for localhost:18443: the key opened, as the server opens it. The 30-day certificate is the
        // one warning: exit status 2 (0 every check passed, 1 a server would refuse to start, 2 it would start with warnings).
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.stdout()).as(run.all()).contains("NOTE " + conf + ":").contains("Read " + conf + ": TLS on [*:18443]")
                .contains("PROBLEM " + conf + ":9 <VirtualHost *:18443> " + cert + ": warning: the certificate expires on ")
                .endsWith("1 problem(s); a server would start, but clients may fail" + System.lineSeparator())
                .doesNotContain(pass).doesNotContain("pass-phrase");
    }

    @Test
    void doctorConfPrintsTheProblemLine() throws Exception {
        Path conf = dir.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n", "Listen 127.0.0.1:8443", "<VirtualHost 127.0.0.1:8443>", "  ServerName localhost",
                "  SSLEngine on", "  SSLCertificateFile " + cert, "  SSLCertificateKeyFile " + key, "  SSLVerifyClient sometimes",
                "</VirtualHost>") + "\n");
        ExternalTool.Result run = tlsctl("doctor", "--conf", conf.toString());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.stdout()).contains("PROBLEM " + conf + ":7 SSLVerifyClient: SSLVerifyClient 'sometimes' is unknown")
                .contains("1 problem(s); a server would refuse to start");
    }

    @Test
    void probeReportsWhatOpensslSServerNegotiates() throws Exception {
        ExternalTool.require("openssl");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", cert.toString(),
                "-key", key.toString(), "-tls1_3", "-www", "-quiet").redirectErrorStream(true)
                .redirectOutput(dir.resolve("s_server.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException notYet) {
                    assertThat(System.nanoTime()).as("s_server listening").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            ExternalTool.Result run = tlsctl("probe", "127.0.0.1:" + port, "--servername", "localhost", "--cafile", cert.toString());
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.stdout()).contains("TLSv1.3").contains("localhost");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
