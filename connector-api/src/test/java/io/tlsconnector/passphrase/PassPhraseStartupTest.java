package io.tlsconnector.passphrase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.Scripts;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TestSecrets;

/**
 * The pass-phrase dialogs of mod_ssl (SSLPassPhraseDialog, F13) run by a real start-up against
 * real programs: shell scripts written here, encrypted keys generated here.
 */
class PassPhraseStartupTest {
    static final String SHARED = TestSecrets.passPhrase("shared");
    static final String SECOND = TestSecrets.passPhrase("second");

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** A virtual host with one certificate per pass-phrase given: RSA first, then EC, keys encrypted. */
    static VirtualHost host(String name, String... passPhrases) {
        VirtualHost.Builder host = VirtualHost.builder(name);
        for (int i = 0; i < passPhrases.length; i++) {
            TestPki.Issued issued = i == 0 ? pki.issueServerRsa(name, name) : pki.issueServer(name, name);
            Path key = TestSecrets.writeEncryptedKey(issued.privateKey(), dir.resolve(name + "-" + i + ".key"), passPhrases[i]);
            host.certificate(CertificateSource.pem(issued.writeFullChain(dir, name + "-" + i), key));
        }
        return host.build();
    }

    static Path keyOf(String name, int index) {
        return dir.resolve(name + "-" + index + ".key");
    }

    static TlsRuntime start(PassPhraseProvider provider, VirtualHost... hosts) {
        TlsConfig.Builder config = TlsConfig.builder().passPhraseProvider(provider);
        for (VirtualHost host : hosts) {
            config.virtualHost(host);
        }
        return TlsRuntime.start(config.build());
    }

    @Nested
    class Exec {
        @Test
        void theProgramSeesModSslsArgumentsAndItsStandardErrorIsLoggedAtDebug() throws Exception {
            Path calls = dir.resolve("exec-args.txt");
            Path program = Scripts.shell(dir, "pp-args.sh", ""
                    + "printf '%s|%s|%s\\n' \"$#\" \"$1\" \"$2\" >> '" + calls + "'\n"
                    + "echo \"pp-args asked for $1 $2\" >&2\n"
                    + "case \"$2\" in\n"
                    + "  RSA) printf '%s\\n' '" + SHARED + "' ;;\n"
                    + "  DSA) printf '%s\\n' '" + SECOND + "' ;;\n"
                    + "  *) exit 3 ;;\n"
                    + "esac\n");
            try (LogCapture log = LogCapture.start();
                 TlsRuntime runtime = start(PassPhraseProvider.parse("exec:" + program), host("args.example.test", SHARED, SECOND))) {
                assertThat(runtime.hosts()).hasSize(1);
                // mod_ssl 2.4: argv[1] = servername:port, argv[2] = RSA/DSA/ECC by the key's position on the host
                assertThat(Scripts.lines(calls)).containsExactly("2|args.example.test:443|RSA", "2|args.example.test:443|DSA");
                assertThat(log.awaitText(t -> t.contains("pp-args asked for args.example.test:443 DSA"), Duration.ofSeconds(5)))
                        .contains("DEBUG io.tlsconnector.passphrase.ExecPassPhraseProvider - exec:" + program
                                + " (standard error): pp-args asked for args.example.test:443 RSA");
            }
        }

        @Test
        void threeKeysSharingAPassPhraseCostOneProgramRun() {
            Path counter = dir.resolve("exec-counter.txt");
            Path program = Scripts.shell(dir, "pp-count.sh", "echo run >> '" + counter + "'\nprintf '%s\\n' '" + SHARED + "'\n");
            try (TlsRuntime runtime = start(PassPhraseProvider.exec(program),
                    host("one.example.test", SHARED), host("two.example.test", SHARED), host("three.example.test", SHARED))) {
                assertThat(runtime.hosts()).hasSize(3);
            }
            assertThat(Scripts.lines(counter)).containsExactly("run");
        }

        @Test
        void aHangingProgramFailsStartUpWithinItsTimeoutNamingTheProgramAndTheKey() {
            Path program = Scripts.shell(dir, "pp-hang.sh", "sleep 600\n");
            VirtualHost host = host("hang.example.test", SHARED);
            long began = System.nanoTime();
            assertThatThrownBy(() -> start(PassPhraseProvider.exec(program, Duration.ofMillis(1500)), host))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'hang.example.test', " + keyOf("hang.example.test", 0)
                            + ": the private key is encrypted and the pass-phrase program exec:" + program
                            + " did not answer within 1500 ms for the key " + keyOf("hang.example.test", 0)
                            + " (arguments hang.example.test:443 RSA); it was stopped."
                            + " Fix: make the program print the pass-phrase on its first output line and exit, "
                            + "or give it more time with PassPhraseProvider.exec(program, timeout).");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(6));
        }

        @Test
        void aFailingProgramIsNamedWithItsExitStatus() {
            Path program = Scripts.shell(dir, "pp-fail.sh", "echo 'no key for you' >&2\nexit 4\n");
            Path key = keyOf("fail.example.test", 0);
            VirtualHost host = host("fail.example.test", SHARED);
            assertThatThrownBy(() -> start(PassPhraseProvider.exec(program), host))
                    .hasMessage("TLS configuration problem: virtual host 'fail.example.test', " + key
                            + ": the private key is encrypted and the pass-phrase program exec:" + program
                            + " exited with status 4 for the key " + key + " (arguments fail.example.test:443 RSA)."
                            + " Fix: run the program by hand with those arguments; its standard error is logged at debug level by "
                            + "io.tlsconnector.passphrase.ExecPassPhraseProvider.");
        }

        @Test
        void emptyOutputFailsStartUp() {
            Path program = Scripts.shell(dir, "pp-empty.sh", "echo\n");
            VirtualHost host = host("empty.example.test", SHARED);
            assertThatThrownBy(() -> start(PassPhraseProvider.exec(program), host))
                    .hasMessageContaining("the private key is encrypted and the pass-phrase program exec:" + program
                            + " printed no pass-phrase (its first output line is empty) for the key " + keyOf("empty.example.test", 0));
        }

        @Test
        void aWrongAnswerIsNotRetriedAsModSslDoesForExec() {
            Path counter = dir.resolve("exec-wrong-counter.txt");
            Path program = Scripts.shell(dir, "pp-wrong.sh", "echo run >> '" + counter + "'\nprintf '%s\\n' '" + TestSecrets.passPhrase("exec-wrong") + "'\n");
            VirtualHost host = host("wrong.example.test", SHARED);
            assertThatThrownBy(() -> start(PassPhraseProvider.exec(program), host))
                    .hasMessageContaining(keyOf("wrong.example.test", 0)
                            + ": the pass-phrase given for this encrypted private key is wrong: it does not decrypt it.");
            assertThat(Scripts.lines(counter)).containsExactly("run");
        }
    }

    @Nested
    class Pipe {
        @Test
        void oneLongRunningProgramAnswersEveryPromptAndRetriesAfterAWrongAnswer() throws Exception {
            Path starts = dir.resolve("pipe-starts.txt");
            Path transcript = dir.resolve("pipe-transcript.txt");
            Path program = Scripts.shell(dir, "pp-pipe.sh", ""
                    + "echo started >> '" + starts + "'\n"
                    + "n=0\n"
                    + "while IFS= read -r line; do\n"
                    + "  printf '%s\\n' \"$line\" >> '" + transcript + "'\n"
                    + "  case \"$line\" in\n"
                    + "    'Private key a.'*) host=a ;;\n"
                    + "    'Private key b.'*) host=b ;;\n"
                    + "    'Enter pass phrase:')\n"
                    + "      n=$((n+1))\n"
                    + "      if [ $n = 1 ]; then printf '%s\\n' '" + TestSecrets.passPhrase("pipe-wrong") + "'\n"
                    + "      elif [ $host = a ]; then printf '%s\\n' '" + SHARED + "'\n"
                    + "      else printf '%s\\n' '" + SECOND + "'; fi ;;\n"
                    + "  esac\n"
                    + "done\n"
                    + "echo 'input closed' >> '" + transcript + "'\n");
            try (TlsRuntime runtime = start(PassPhraseProvider.parse("|" + program),
                    host("a.example.test", SHARED), host("b.example.test", SECOND), host("c.example.test", SHARED))) {
                assertThat(runtime.hosts()).hasSize(3);
            }
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!Scripts.lines(transcript).contains("input closed") && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(Scripts.lines(starts)).containsExactly("started");
            assertThat(Scripts.lines(transcript)).containsExactly(
                    "mod_ssl (Pass Phrase Dialog)",
                    "Some of your private key files are encrypted for security reasons.",
                    "In order to read them you have to provide the pass phrases.",
                    "",
                    "Private key a.example.test:443:0 (" + keyOf("a.example.test", 0) + ")",
                    "Enter pass phrase:",
                    "Pass phrase incorrect (5 more retries permitted).",
                    "Enter pass phrase:",
                    "",
                    "Private key b.example.test:443:0 (" + keyOf("b.example.test", 0) + ")",
                    "Enter pass phrase:",
                    "input closed");
        }
    }

    @Nested
    class PipeTimeout {
        @Test
        void aPipeProgramThatDoesNotAnswerFailsStartUpWithinItsTimeout() {
            Path program = Scripts.shell(dir, "pp-silent-pipe.sh", "while IFS= read -r line; do :; done\n");
            VirtualHost host = host("silent.example.test", SHARED);
            Path key = keyOf("silent.example.test", 0);
            long began = System.nanoTime();
            assertThatThrownBy(() -> start(PassPhraseProvider.pipe(List.of(program.toString()), Duration.ofMillis(800)), host))
                    .hasMessage("TLS configuration problem: virtual host 'silent.example.test', " + key
                            + ": the private key is encrypted and the pass-phrase pipe program |" + program
                            + " did not answer within 800 ms for the key " + key + " (silent.example.test:443:0); it was stopped."
                            + " Fix: make the program answer each 'Enter pass phrase:' line with one line on its standard output.");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Nested
    class Builtin {
        @Test
        void withoutATerminalStartUpFailsAtOnceNamingTheKeyAndTheAlternatives() {
            VirtualHost host = host("console.example.test", SHARED);
            Path key = keyOf("console.example.test", 0);
            long began = System.nanoTime();
            // surefire runs the tests without a terminal, as a service or CI would
            assertThat(System.console()).isNull();
            assertThatThrownBy(() -> start(PassPhraseProvider.parse("builtin"), host))
                    .hasMessage("TLS configuration problem: virtual host 'console.example.test', " + key
                            + ": the private key is encrypted and the builtin pass-phrase dialog needs a terminal to ask for the "
                            + "pass-phrase of " + key + " (console.example.test:443), but this process has none "
                            + "(it runs as a service, in a container or in CI)."
                            + " Fix: use a non-interactive pass-phrase provider: exec:/path/to/program, |/path/to/program, env:NAME or "
                            + "file:/path with PassPhraseProvider.parse(...), or PassPhraseProvider.fixed(...) or a callback; "
                            + "or remove the pass-phrase (openssl pkey -in KEY -out KEY.plain) and make the file readable by its owner only.");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Nested
    class Reuse {
        @Test
        void aCallbackIsAskedOnlyForKeysNoEarlierPassPhraseOpens() {
            List<PassPhraseRequest> asked = new java.util.ArrayList<>();
            PassPhraseProvider callback = request -> {
                asked.add(request);
                return (request.virtualHost().startsWith("second") ? SECOND : SHARED).toCharArray();
            };
            try (TlsRuntime runtime = start(callback, host("first.example.test", SHARED), host("second.example.test", SECOND),
                    host("third.example.test", SHARED, SECOND))) {
                assertThat(runtime.hosts()).hasSize(3);
            }
            assertThat(asked).containsExactly(
                    new PassPhraseRequest("first.example.test", 443, keyOf("first.example.test", 0), 0, "RSA", 1),
                    new PassPhraseRequest("second.example.test", 443, keyOf("second.example.test", 0), 0, "RSA", 1));
        }
    }
}
