package io.tlsconnector.passphrase;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code env:NAME}: the value of an environment variable. The JVM holds environment values as
 * Strings, which cannot be wiped; prefer {@code exec:} or {@code file:} where that matters.
 */
final class EnvPassPhraseProvider implements PassPhraseProvider {
    private final String name;
    private final UnaryOperator<String> environment;

    EnvPassPhraseProvider(String name, UnaryOperator<String> environment) {
        this.name = Objects.requireNonNull(name, "name");
        this.environment = environment;
    }

    @Override
    public char[] passPhrase(PassPhraseRequest request) throws PassPhraseException {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new PassPhraseException("the environment variable " + name + (value == null ? " is not set" : " is empty")
                    + ", so it gives no pass-phrase for the key " + request.keySource() + ".",
                    "set " + name + " in the server's environment (e.g. the service unit's Environment= line) before start-up.");
        }
        return value.toCharArray();
    }

    @Override
    public String toString() {
        return "env:" + name;
    }
}
