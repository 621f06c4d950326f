package io.tlsconnector.passphrase;

import java.io.Console;
import java.util.function.Supplier;

/**
 * mod_ssl's {@code builtin} dialog: asks on the terminal, without echo, with mod_ssl's texts; an
 * empty answer is refused and asked again. Without a terminal (a service, a container, CI) it fails
 * at once, naming the key and the non-interactive alternatives.
 */
final class ConsolePassPhraseProvider implements PassPhraseProvider {
    private static final int MAX_EMPTY_ANSWERS = 5;

    private final Supplier<Console> terminal;
    private boolean headerWritten;

    ConsolePassPhraseProvider(Supplier<Console> terminal) {
        this.terminal = terminal;
    }

    @Override
    public int maxAttempts() {
        return 6;
    }

    @Override
    public synchronized char[] passPhrase(PassPhraseRequest request) throws PassPhraseException {
        Console console = terminal.get();
        if (console == null) {
            throw new PassPhraseException("the builtin pass-phrase dialog needs a terminal to ask for the pass-phrase of "
                    + request.keySource() + " (" + request.virtualHostId() + "), but this process has none "
                    + "(it runs as a service, in a container or in CI).",
                    "use a non-interactive pass-phrase provider: exec:/path/to/program, |/path/to/program, env:NAME or "
                            + "file:/path with PassPhraseProvider.parse(...), or PassPhraseProvider.fixed(...) or a callback; "
                            + "or remove the pass-phrase (openssl pkey -in KEY -out KEY.plain) and make the file readable by its owner only.");
        }
        if (!headerWritten) {
            console.printf("mod_ssl (Pass Phrase Dialog)%n"
                    + "Some of your private key files are encrypted for security reasons.%n"
                    + "In order to read them you have to provide the pass phrases.%n");
            headerWritten = true;
        }
        if (request.attempt() == 1) {
            console.printf("%nPrivate key %s:%d (%s)%n", request.virtualHostId(), request.keyIndex(), request.keySource());
        } else {
            console.printf("Apache:mod_ssl:Error: Pass phrase incorrect (%d more retries permitted).%n",
                    maxAttempts() - request.attempt() + 1);
        }
        for (int empty = 0; empty < MAX_EMPTY_ANSWERS; empty++) {
            char[] answer = console.readPassword("%s", PipePassPhraseProvider.PROMPT + " ");
            if (answer == null) {
                throw new PassPhraseException("the terminal closed while the pass-phrase of " + request.keySource()
                        + " was asked.", "start again and enter the pass-phrase, or use a non-interactive provider.");
            }
            if (answer.length > 0) {
                return answer;
            }
            console.printf("Apache:mod_ssl:Error: Pass phrase empty (needs to be at least 1 character).%n");
        }
        throw new PassPhraseException("no pass-phrase was entered for " + request.keySource() + " after "
                + MAX_EMPTY_ANSWERS + " empty answers.", "enter the pass-phrase the key was encrypted with.");
    }

    @Override
    public String toString() {
        return "builtin";
    }
}
