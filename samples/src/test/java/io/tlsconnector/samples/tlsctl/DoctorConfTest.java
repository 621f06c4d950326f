package io.tlsconnector.samples.tlsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.GoldenFixtures;

/** {@code tlsctl doctor --conf}: checks an httpd configuration and prints every problem with its fix. */
class DoctorConfTest {
    @TempDir
    Path dir;

    /** The golden fixture's certificates, two name-based virtual hosts. */
    private Path conf(String listen, String... extra) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("Listen " + listen));
        for (String name : List.of("localhost", "www.example.test")) {
            lines.addAll(List.of("<VirtualHost " + listen + ">", "  ServerName " + name, "  SSLEngine on",
                    "  SSLCertificateFile ${G}/certs/server.crt", "  SSLCertificateKeyFile ${G}/certs/server.key",
                    "  SSLOptions +StdEnvVars", "</VirtualHost>"));
        }
        lines.addAll(List.of(extra));
        Path file = dir.resolve("httpd.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void printsEachErrorOfTheFileWithItsLineAndFix() throws IOException {
        Path file = conf("127.0.0.1:8443", "SSLProtocol TLSv1.2", "SSLVerifyClient sometimes");
        TlsctlRunner.Run run = TlsctlRunner.tlsctl("doctor", "--conf", file.toString(), "-D", "G=" + GoldenFixtures.dir());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("PROBLEM " + file + ":17 SSLVerifyClient: SSLVerifyClient 'sometimes' is unknown; use none,"
                + " optional, require or optional_no_ca." + System.lineSeparator()
                + "    fix: write it as mod_ssl does, e.g. SSLVerifyClient none|optional|require|optional_no_ca." + System.lineSeparator()
                + "1 problem(s); a server would refuse to start" + System.lineSeparator());
    }

    @Test
    void printsEveryMissingFileWithItsFix() throws IOException {
        Path file = conf("127.0.0.1:8443");
        TlsctlRunner.Run run = TlsctlRunner.tlsctl("doctor", "--conf", file.toString(), "-D", "G=" + dir.resolve("nowhere"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Read " + file + ": TLS on [127.0.0.1:8443]")
                .contains("PROBLEM " + file + ":2 <VirtualHost 127.0.0.1:8443> " + dir.resolve("nowhere/certs/server.crt"))
                .contains("PROBLEM " + file + ":9 <VirtualHost 127.0.0.1:8443> " + dir.resolve("nowhere/certs/server.crt"));
    }

    @Test
    void refusesWhatCannotBeCarriedOverAndWithLenientListsItAsNotes() throws IOException {
        Path file = conf("127.0.0.1:8443", "SSLCompression on");
        TlsctlRunner.Run strict = TlsctlRunner.tlsctl("doctor", "--conf", file.toString(), "-D", "G=" + GoldenFixtures.dir());
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.out()).contains("PROBLEM " + file + ":16 SSLCompression: cannot be carried over: TLS compression is never"
                + " offered (CRIME)").contains("read the configuration leniently");
        TlsctlRunner.Run run = TlsctlRunner.tlsctl("doctor", "--lenient", "--conf", file.toString(), "-D", "G=" + GoldenFixtures.dir());
        assertThat(run.out()).as(run.toString()).contains("NOTE " + file + ":16: SSLCompression: UNSUPPORTED: TLS compression is never"
                + " offered (CRIME); clients get none, as with SSLCompression off.");
        assertThat(run.out()).contains("Read " + file + ": TLS on [127.0.0.1:8443]");
    }
}
