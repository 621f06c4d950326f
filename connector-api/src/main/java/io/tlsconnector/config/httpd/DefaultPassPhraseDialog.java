package io.tlsconnector.config.httpd;

import java.util.function.BooleanSupplier;

import io.tlsconnector.passphrase.PassPhraseException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;

/**
 * What a configuration without SSLPassPhraseDialog gets: httpd's default, {@code builtin}, which asks on
 * the terminal. Without a terminal it fails naming the key and the SSLPassPhraseDialog lines that would
 * work, instead of the Java API's advice.
 */
final class DefaultPassPhraseDialog implements PassPhraseProvider {
    private final BooleanSupplier terminal;
    private final PassPhraseProvider builtin;

    DefaultPassPhraseDialog() {
        this(() -> System.console() != null, PassPhraseProvider.builtin());
    }

    /** @param terminal whether this process has a terminal to ask on */
    DefaultPassPhraseDialog(BooleanSupplier terminal, PassPhraseProvider builtin) {
        this.terminal = terminal;
        this.builtin = builtin;
    }

    @Override
    public char[] passPhrase(PassPhraseRequest request) throws Exception {
        if (!terminal.getAsBoolean()) {
            throw new PassPhraseException("the configuration has no SSLPassPhraseDialog, so its pass-phrase is asked on the terminal"
                    + " (httpd's default, builtin), but this process has none (it runs as a service, in a container or in CI).",
                    "add SSLPassPhraseDialog exec:/path/to/program (prints the pass-phrase), SSLPassPhraseDialog file:/path/to/file"
                            + " or SSLPassPhraseDialog env:NAME to the httpd configuration, or start on a terminal; or remove the"
                            + " pass-phrase (openssl pkey -in " + request.keySource() + " -out KEY.plain) and make the key readable"
                            + " by its owner only.");
        }
        return builtin.passPhrase(request);
    }

    @Override
    public int maxAttempts() {
        return builtin.maxAttempts();
    }

    @Override
    public String toString() {
        return "builtin (no SSLPassPhraseDialog: httpd's default)";
    }
}
