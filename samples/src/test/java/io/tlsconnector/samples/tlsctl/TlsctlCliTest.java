package io.tlsconnector.samples.tlsctl;

import static io.tlsconnector.samples.tlsctl.TlsctlRunner.tlsctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tlsconnector.samples.Main;
import picocli.CommandLine;

/**
 * Acceptance 5: every {@code tlsctl} command explains itself with {@code --help}, and every error is
 * one line on stderr with a non-zero exit code (2 for usage errors, 1 for failures).
 */
class TlsctlCliTest {
    @TempDir
    Path dir;

    static Stream<List<String>> commands() {
        return Stream.of(List.of(), List.of("genkey"), List.of("req"), List.of("selfsign"), List.of("ca"), List.of("ca", "init"),
                List.of("ca", "sign"), List.of("ca", "revoke"), List.of("ca", "crl"), List.of("passwd"), List.of("nopass"),
                List.of("match"), List.of("convert"), List.of("hash"), List.of("rehash"), List.of("inspect"), List.of("probe"),
                List.of("version"), List.of("doctor"));
    }

    static CommandLine.Model.CommandSpec spec(List<String> path) {
        CommandLine line = Main.commandLine().getSubcommands().get("tlsctl");
        for (String name : path) {
            line = line.getSubcommands().get(name);
        }
        return line.getCommandSpec();
    }

    @Nested
    class Help {
        @ParameterizedTest(name = "tlsctl {0} --help")
        @MethodSource("io.tlsconnector.samples.tlsctl.TlsctlCliTest#commands")
        void describesTheCommandAndEveryOption(List<String> path) {
            String[] args = Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new);

            TlsctlRunner.Run run = tlsctl(args);

            String name = String.join(" ", Stream.concat(Stream.of("tls-samples", "tlsctl"), path.stream()).toList());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("Usage: " + name);
            CommandLine.Model.CommandSpec spec = spec(path);
            assertThat(spec.usageMessage().description()).as("description of %s", name).isNotEmpty();
            String firstWords = String.join(" ", Arrays.asList(spec.usageMessage().description()[0].split(" ")).subList(0, 4));
            assertThat(run.out().replaceAll("\\s+", " ")).contains(firstWords);
            spec.options().forEach(option -> assertThat(String.join(" ", option.description()))
                    .as("%s %s", name, option.longestName()).isNotBlank());
            spec.positionalParameters().forEach(parameter -> assertThat(String.join(" ", parameter.description()))
                    .as("%s %s", name, parameter.paramLabel()).isNotBlank());
        }

        @Test
        void versionOfEveryCommandNamesTheLibrary() {
            assertThat(tlsctl("--version").out()).isEqualTo("tlsctl (tls-connector 0.1.0-SNAPSHOT); tlsctl version prints the full report"
                    + System.lineSeparator());
            assertThat(tlsctl("ca", "sign", "--version").out()).startsWith("tlsctl (tls-connector ");
        }

        @Test
        void tlsctlAloneListsItsCommands() {
            TlsctlRunner.Run run = tlsctl();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("genkey", "req", "selfsign", "ca", "passwd", "nopass", "match", "convert", "hash",
                    "rehash", "inspect", "probe", "version", "doctor");
        }
    }

    @Nested
    class Errors {
        void assertOneLineError(TlsctlRunner.Run run, int exitCode, String line) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
            assertThat(run.err()).as(run.toString()).isEqualTo(line + System.lineSeparator());
        }

        @Test
        void aMissingRequiredOptionIsOneUsageLine() {
            assertOneLineError(tlsctl("genkey"), 2,
                    "tls-samples tlsctl genkey: error: Missing required option: '--out=FILE' (see --help)");
        }

        @Test
        void aLiteralPassPhraseIsRefusedWithoutEchoingIt() {
            TlsctlRunner.Run run = tlsctl("genkey", "--encrypt", "aes256", "--pass", "pass:hunter2", "-o", dir.resolve("k").toString());
            assertOneLineError(run, 2, "tls-samples tlsctl genkey: error: Invalid value for option '--pass': pass-phrase source "
                    + "'pass:...' is not env:NAME, file:/path or prompt (see --help)");
            assertThat(run.err()).doesNotContain("hunter2");
        }

        @Test
        void noTerminalToAskIsSaidWithTheAlternatives() {
            assertOneLineError(tlsctl("genkey", "--encrypt", "aes256", "-o", dir.resolve("k").toString()), 1,
                    "tls-samples tlsctl genkey: error: no terminal to ask for the pass-phrase; give it with --pass env:NAME "
                            + "or --pass file:/path");
        }

        @Test
        void aMissingFileNamesThePathAndTheFix() {
            Path missing = dir.resolve("missing.pem");
            assertOneLineError(tlsctl("hash", missing.toString()), 1,
                    "tls-samples tlsctl hash: error: " + missing + ": cannot read the certificate file: no such file. Fix: check the path.");
        }

        @Test
        void anUnsetEnvironmentVariableIsNamed() throws Exception {
            Path key = dir.resolve("k.pem");
            Files.writeString(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n");
            TlsctlRunner.Run run = tlsctl("inspect", key.toString(), "--pass", "env:TLSCTL_TEST_SURELY_UNSET");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("tls-samples tlsctl inspect: error: ");
        }

        @Test
        void aClosedPortIsOneLine() {
            TlsctlRunner.Run run = tlsctl("probe", "127.0.0.1:1", "--timeout", "2");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("tls-samples tlsctl probe: error: Probe of 127.0.0.1:1 failed: ");
        }

        @Test
        void badArgumentsAreOneLineEach() {
            assertOneLineError(tlsctl("genkey", "--type", "dsa", "-o", dir.resolve("k").toString()), 1,
                    "tls-samples tlsctl genkey: error: unknown key type 'dsa'; use rsa, ec or ed25519");
            assertOneLineError(tlsctl("convert", "a", "b", "--to", "p7b"), 1,
                    "tls-samples tlsctl convert: error: unknown format 'p7b'; use pem, der, pkcs12 or jks");
            assertOneLineError(tlsctl("probe", "localhost"), 1,
                    "tls-samples tlsctl probe: error: 'localhost' is not host:port; write e.g. www.example.com:443");
            assertOneLineError(tlsctl("ca", "sign", "--dir", dir.toString(), "--csr", "x.csr", "-o", "x.crt", "--pass", "file:/nope"), 1,
                    "tls-samples tlsctl ca sign: error: The directory " + dir + " is not a CA: ca.crt and ca.key are missing; "
                            + "create one with `tlsctl ca init --dir " + dir + " --cn \"Example CA\"`.");
            assertOneLineError(tlsctl("nosuch"), 2, "tls-samples tlsctl: error: Unmatched argument at index 1: 'nosuch' (see --help)");
            assertThat(Arrays.asList(1, 2)).contains(tlsctl("ca", "sign", "--server", "--client").exitCode());
        }
    }
}
