package io.tlsconnector.passphrase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Answers the pass-phrase of an encrypted private key or key store (mod_ssl's SSLPassPhraseDialog,
 * F13). A lambda is a provider (the callback form); the built-ins are reachable by {@link #parse(String)}
 * in mod_ssl's syntax.
 *
 * <p>The caller owns the returned array and wipes it after use; an implementation returns a fresh
 * copy each time. Returning {@code null} means "no pass-phrase available", which fails start-up with
 * a message naming the key. Implementations never log or print what they return.
 *
 * <p>During one start-up a pass-phrase that opened one key is tried first on every later key, so a
 * provider is asked only for keys no earlier answer opens.
 */
@FunctionalInterface
public interface PassPhraseProvider {

    /** Used when no provider is configured: every encrypted key fails start-up with a clear message. */
    PassPhraseProvider NONE = new PassPhraseProvider() {
        @Override
        public char[] passPhrase(PassPhraseRequest request) {
            return null;
        }

        @Override
        public String toString() {
            return "PassPhraseProvider.NONE";
        }
    };

    /** How long an {@code exec:} program may take when no timeout is given. */
    Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @return the pass-phrase for the requested key, a new array the caller wipes; or {@code null}
     *         when this provider has none
     * @throws Exception when the pass-phrase source itself fails (program, file, terminal); the
     *                   message must not contain the pass-phrase
     */
    char[] passPhrase(PassPhraseRequest request) throws Exception;

    /**
     * How many times this provider is asked about one key before a wrong answer fails start-up. One
     * for everything but the interactive dialogs: mod_ssl gives {@code builtin} and pipe programs five
     * more tries and {@code exec:} none.
     */
    default int maxAttempts() {
        return 1;
    }

    /**
     * Parses one SSLPassPhraseDialog value:
     * <ul>
     *   <li>{@code builtin}: the terminal prompt ({@link #builtin()});</li>
     *   <li>{@code exec:/path/to/program}: {@link #exec(Path)};</li>
     *   <li>{@code |/path/to/program [args]}: a long-running pipe program ({@link #pipe(List)});</li>
     *   <li>{@code env:NAME} and {@code file:/path}: {@link #env(String)}, {@link #file(Path)}.</li>
     * </ul>
     * A leading {@code SSLPassPhraseDialog} is allowed, so a line of httpd.conf can be passed as it is.
     * {@code toString()} of a parsed provider gives the same form back.
     *
     * @throws IllegalArgumentException naming the value and listing the accepted forms
     */
    static PassPhraseProvider parse(String directive) {
        return PassPhraseSyntax.parse(directive);
    }

    /** mod_ssl's {@code builtin}: asks on the terminal without echo; fails at once without a terminal. */
    static PassPhraseProvider builtin() {
        return new ConsolePassPhraseProvider(System::console);
    }

    /**
     * mod_ssl's {@code exec:}: runs the program once per pass-phrase needed with the arguments
     * {@code servername:port} and {@code RSA}/{@code DSA}/{@code ECC}; the first line of its output is
     * the pass-phrase. Waits at most {@link #DEFAULT_EXEC_TIMEOUT}.
     */
    static PassPhraseProvider exec(Path program) {
        return exec(program, DEFAULT_EXEC_TIMEOUT);
    }

    /** {@link #exec(Path)} with its own time limit per run. */
    static PassPhraseProvider exec(Path program, Duration timeout) {
        return new ExecPassPhraseProvider(program, timeout);
    }

    /**
     * mod_ssl's {@code |program}: starts the program once, writes each prompt to its standard input
     * and reads the pass-phrase as one line from its standard output.
     *
     * @param command the program and its arguments
     */
    static PassPhraseProvider pipe(List<String> command) {
        return pipe(command, DEFAULT_EXEC_TIMEOUT);
    }

    /** {@link #pipe(List)} waiting at most {@code timeout} for each answer. */
    static PassPhraseProvider pipe(List<String> command, Duration timeout) {
        return new PipePassPhraseProvider(command, timeout);
    }

    /** The value of an environment variable. */
    static PassPhraseProvider env(String name) {
        return new EnvPassPhraseProvider(name, System::getenv);
    }

    /** The first line of a file; start-up warns when others than the owner may read it. */
    static PassPhraseProvider file(Path file) {
        return new FilePassPhraseProvider(file);
    }

    /**
     * A provider that answers every request with the same pass-phrase. The array is copied, so the
     * caller may wipe its own copy right away.
     */
    static PassPhraseProvider fixed(char[] passPhrase) {
        Objects.requireNonNull(passPhrase, "passPhrase");
        char[] kept = passPhrase.clone();
        return new PassPhraseProvider() {
            @Override
            public char[] passPhrase(PassPhraseRequest request) {
                return kept.clone();
            }

            @Override
            public String toString() {
                return "PassPhraseProvider.fixed(****)";
            }
        };
    }

    /** Wipes a pass-phrase returned by a provider; null-safe. */
    static void wipe(char[] passPhrase) {
        if (passPhrase != null) {
            Arrays.fill(passPhrase, '\0');
        }
    }
}
