package io.tlsconnector.passphrase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start-up's conversation with a {@link PassPhraseProvider}, as mod_ssl's ssl_engine_pphrase.c
 * runs it: every encrypted key is first tried with the pass-phrases that opened earlier keys (across
 * virtual hosts); only when none opens it is the provider asked, up to its {@link
 * PassPhraseProvider#maxAttempts()}, and a pass-phrase that works is remembered. So three keys that
 * share a pass-phrase cost one question (F13).
 *
 * <p>Remembered pass-phrases live only until {@link #close()}, which wipes them and closes the
 * provider when it holds a program open (pipe).
 */
public final class PassPhraseDialog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PassPhraseDialog.class);

    /** Tries one pass-phrase on an encrypted key; must not keep the array. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @return the opened key (or store), never {@code null}
         * @throws Exception when the pass-phrase does not open it
         */
        T open(char[] passPhrase) throws Exception;
    }

    /** Why a key stayed closed. */
    public enum Failure {
        /** The provider has no pass-phrase (it returned {@code null}). */
        NO_PASS_PHRASE,
        /** The provider's source failed: program, file, variable or terminal. */
        PROVIDER_FAILED,
        /** Every pass-phrase given was wrong. */
        WRONG_PASS_PHRASE
    }

    /** A key that could not be opened; carries the provider's own failure when it had one. */
    public static final class NotOpened extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        NotOpened(Failure failure, PassPhraseException cause) {
            super(failure.name(), cause, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }

        /** The provider's failure (program, file, terminal), or {@code null}. */
        public PassPhraseException providerFailure() {
            return (PassPhraseException) getCause();
        }
    }

    private final PassPhraseProvider provider;
    private final List<char[]> remembered = new ArrayList<>();

    public PassPhraseDialog(PassPhraseProvider provider) {
        this.provider = provider == null ? PassPhraseProvider.NONE : provider;
    }

    /**
     * Opens one encrypted key: with a remembered pass-phrase if one fits, else by asking the provider.
     *
     * @param request the first request for this key ({@code attempt} 1)
     * @throws NotOpened when the provider has no pass-phrase, fails, or every answer is wrong
     */
    public synchronized <T> T open(PassPhraseRequest request, Attempt<T> attempt) throws NotOpened {
        Objects.requireNonNull(request, "request");
        for (char[] known : remembered) {
            T opened = tryOpen(attempt, known);
            if (opened != null) {
                log.debug("Key {} of {} opened with a pass-phrase given for an earlier key", request.keySource(),
                        request.virtualHostId());
                return opened;
            }
        }
        int attempts = Math.max(1, provider.maxAttempts());
        for (int n = 1; n <= attempts; n++) {
            pauseBeforeRetry(n - 1);
            char[] answer;
            try {
                answer = provider.passPhrase(request.withAttempt(n));
            } catch (PassPhraseException e) {
                throw new NotOpened(Failure.PROVIDER_FAILED, e);
            } catch (Exception e) {
                throw new NotOpened(Failure.PROVIDER_FAILED, new PassPhraseException(
                        "the pass-phrase provider " + provider + " failed for the key " + request.keySource() + ": "
                                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".",
                        "fix the pass-phrase provider's source (program, file or terminal) and start again."));
            }
            if (answer == null) {
                throw new NotOpened(Failure.NO_PASS_PHRASE, null);
            }
            T opened = tryOpen(attempt, answer);
            if (opened != null) {
                remembered.add(answer);
                return opened;
            }
            PassPhraseProvider.wipe(answer);
            if (n < attempts) {
                log.warn("Pass phrase incorrect for key {} of {} ({} more retries permitted)", request.keySource(),
                        request.virtualHostId(), attempts - n);
            }
        }
        throw new NotOpened(Failure.WRONG_PASS_PHRASE, null);
    }

    /** mod_ssl sleeps 5 s × (k − 2) before the k-th retry from the third on, against guessing. */
    private void pauseBeforeRetry(int retry) {
        if (retry >= 3) {
            try {
                Thread.sleep(5_000L * (retry - 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T tryOpen(Attempt<T> attempt, char[] passPhrase) {
        try {
            return attempt.open(passPhrase);
        } catch (Exception wrong) {
            // The cause is never logged: some providers echo their input in messages.
            return null;
        }
    }

    /** Wipes every remembered pass-phrase and closes a provider that holds a program open. */
    @Override
    public synchronized void close() {
        remembered.forEach(PassPhraseProvider::wipe);
        remembered.clear();
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing the pass-phrase provider {} failed: {}", provider, e.toString());
            }
        }
    }
}
