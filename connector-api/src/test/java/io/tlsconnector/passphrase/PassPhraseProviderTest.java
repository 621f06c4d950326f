package io.tlsconnector.passphrase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.TestSecrets;

/** The built-in providers one by one, and mod_ssl's SSLPassPhraseDialog syntax (F13). */
class PassPhraseProviderTest {
    static final PassPhraseRequest REQUEST = new PassPhraseRequest("www.example.test", 8443, Path.of("/etc/tls/www.key"), 1, "EC", 1);

    @TempDir
    Path dir;

    @Nested
    class Syntax {
        @Test
        void everyModSslFormRoundTrips() {
            for (String form : List.of("builtin", "exec:/usr/local/sbin/pp-helper", "|/usr/local/sbin/pp-pipe",
                    "|/usr/local/sbin/pp-pipe --vault \"tls keys\"", "env:TLS_KEY_PASS", "file:/etc/tls/pass.txt")) {
                assertThat(PassPhraseProvider.parse(form)).hasToString(form);
                assertThat(PassPhraseProvider.parse(PassPhraseProvider.parse(form).toString())).hasToString(form);
            }
        }

        @Test
        void aWholeHttpdLineIsAccepted() {
            assertThat(PassPhraseProvider.parse("SSLPassPhraseDialog  exec:/usr/local/sbin/pp-helper"))
                    .hasToString("exec:/usr/local/sbin/pp-helper")
                    .isInstanceOf(ExecPassPhraseProvider.class);
        }

        @Test
        void aPipeCommandKeepsItsArgumentsAsModSslTokenizesThem() {
            PipePassPhraseProvider pipe = (PipePassPhraseProvider) PassPhraseProvider.parse("|/bin/pp --vault \"tls keys\" -q");
            assertThat(PassPhraseSyntax.tokenize("/bin/pp --vault \"tls keys\" -q", "x")).containsExactly("/bin/pp", "--vault", "tls keys", "-q");
            assertThat(pipe.maxAttempts()).isEqualTo(6);
        }

        @Test
        void anUnknownFormListsTheAcceptedOnes() {
            assertThatThrownBy(() -> PassPhraseProvider.parse("ask-the-admin"))
                    .hasMessage("SSLPassPhraseDialog 'ask-the-admin' is not understood; expected one of builtin, exec:/path/to/program, "
                            + "|/path/to/program [args], env:NAME or file:/path.");
            assertThatThrownBy(() -> PassPhraseProvider.parse("env:not a name"))
                    .hasMessage("SSLPassPhraseDialog 'env:not a name': 'not a name' is not an environment variable name; "
                            + "write env:NAME, e.g. env:TLS_KEY_PASS.");
        }
    }

    @Nested
    class Request {
        @Test
        void modSslNamesKeysByTheirPositionOnTheHost() {
            assertThat(List.of(0, 1, 2, 3, 4).stream()
                    .map(i -> new PassPhraseRequest("h", 443, Path.of("k"), i, "RSA", 1).modSslKeyType()))
                    .containsExactly("RSA", "DSA", "ECC", "3", "4");
            assertThat(REQUEST.virtualHostId()).isEqualTo("www.example.test:8443");
        }
    }

    @Nested
    class Builtin {
        @Test
        void withoutATerminalItFailsAtOnceNamingTheKey() {
            assertThatThrownBy(() -> new ConsolePassPhraseProvider(() -> null).passPhrase(REQUEST))
                    .isInstanceOfSatisfying(PassPhraseException.class, e -> assertThat(e.fix()).startsWith(
                            "use a non-interactive pass-phrase provider: exec:/path/to/program, |/path/to/program, env:NAME or file:/path"))
                    .hasMessage("the builtin pass-phrase dialog needs a terminal to ask for the pass-phrase of /etc/tls/www.key "
                            + "(www.example.test:8443), but this process has none (it runs as a service, in a container or in CI).");
            assertThat(PassPhraseProvider.builtin().maxAttempts()).isEqualTo(6);
        }
    }

    @Nested
    class Environment {
        @Test
        void theVariableIsTheAnswerAndAMissingOneIsNamed() throws Exception {
            String secret = TestSecrets.passPhrase("env");
            Map<String, String> environment = Map.of("TLS_KEY_PASS", secret);
            assertThat(new EnvPassPhraseProvider("TLS_KEY_PASS", environment::get).passPhrase(REQUEST)).isEqualTo(secret.toCharArray());
            assertThatThrownBy(() -> new EnvPassPhraseProvider("OTHER", environment::get).passPhrase(REQUEST))
                    .hasMessage("the environment variable OTHER is not set, so it gives no pass-phrase for the key /etc/tls/www.key.");
        }
    }

    @Nested
    class File {
        @Test
        void theFirstLineIsTheAnswer() throws Exception {
            String secret = TestSecrets.passPhrase("file");
            Path file = Files.writeString(dir.resolve("pass.txt"), secret + "\nsecond line\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            try (LogCapture log = LogCapture.start()) {
                assertThat(PassPhraseProvider.parse("file:" + file).passPhrase(REQUEST)).isEqualTo(secret.toCharArray());
                assertThat(log.text()).doesNotContain("can be read by");
            }
        }

        @Test
        void aFileOthersMayReadIsWarnedAbout() throws Exception {
            Path file = Files.writeString(dir.resolve("open-pass.txt"), TestSecrets.passPhrase("open-file") + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            try (LogCapture log = LogCapture.start()) {
                PassPhraseProvider.wipe(PassPhraseProvider.file(file).passPhrase(REQUEST));
                assertThat(log.text()).contains("WARN io.tlsconnector.passphrase.FilePassPhraseProvider - Pass-phrase file " + file
                        + " can be read by its group or by others (rw-r--r--); make it readable by its owner only (chmod 600 " + file + ")");
            }
        }

        @Test
        void aMissingFileIsNamed() {
            Path missing = dir.resolve("none.txt");
            assertThatThrownBy(() -> PassPhraseProvider.file(missing).passPhrase(REQUEST))
                    .hasMessage("the pass-phrase file " + missing + " does not exist, so it gives no pass-phrase for the key /etc/tls/www.key.");
        }
    }

    @Nested
    class Secrets {
        @Test
        void noProviderShowsItsPassPhraseInToString() {
            String secret = TestSecrets.passPhrase("to-string");
            assertThat(PassPhraseProvider.fixed(secret.toCharArray()).toString()).isEqualTo("PassPhraseProvider.fixed(****)");
            assertThat(REQUEST.toString()).doesNotContain("pp-");
        }

        @Test
        void aProgramsAnswerIsCutAtTheFirstLineEnd() {
            byte[] output = "first\r\nsecond".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(io.tlsconnector.passphrase.Secrets.firstLine(output, output.length)).isEqualTo("first".toCharArray());
            assertThat(io.tlsconnector.passphrase.Secrets.firstLine(output, 3)).isEqualTo("fir".toCharArray());
        }
    }
}
