package io.tlsconnector.passphrase;

import java.util.Objects;

/**
 * A pass-phrase source failed: a program exited with an error or timed out, a file or variable is
 * missing, there is no terminal. The message says what failed and names the source and the key;
 * {@link #fix()} says what to do. Neither ever contains a pass-phrase.
 */
public class PassPhraseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * @param problem what failed, in a sentence ending with a full stop
     * @param fix     how to fix it, in a sentence ending with a full stop
     */
    public PassPhraseException(String problem, String fix) {
        super(Objects.requireNonNull(problem, "problem"));
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    /** How to fix the problem, in a sentence. */
    public String fix() {
        return fix;
    }
}
