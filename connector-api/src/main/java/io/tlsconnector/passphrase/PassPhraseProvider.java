package io.tlsconnector.passphrase;

import java.util.Arrays;
import java.util.Objects;

/**
 * Answers the pass-phrase of an encrypted private key or key store (mod_ssl's SSLPassPhraseDialog).
 *
 * <p>The caller owns the returned array and wipes it after use; an implementation returns a fresh
 * copy each time. Returning {@code null} means "no pass-phrase available", which fails start-up with
 * a message naming the key. Implementations never log or print what they return.
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

    /**
     * @return the pass-phrase for the requested key, a new array the caller wipes; or {@code null}
     *         when this provider has none
     * @throws Exception when the pass-phrase source itself fails (program, file, terminal); the
     *                   message must not contain the pass-phrase
     */
    char[] passPhrase(PassPhraseRequest request) throws Exception;

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
