package io.tlsconnector.passphrase;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link PassPhraseProvider} is asked for: the pass-phrase of one encrypted key or key store.
 *
 * @param virtualHost  server name of the virtual host the key belongs to (mod_ssl passes
 *                     {@code servername:port} to its dialogs; the port is not known to a runtime)
 * @param keySource    the encrypted key file or key store
 * @param keyAlgorithm {@code RSA}, {@code EC}, {@code DSA} or {@code UNK}, taken from the certificate
 *                     when it is known, as mod_ssl's {@code exec:} dialog receives it
 * @param attempt      1 for the first question about this key, 2 after one wrong answer, and so on
 */
public record PassPhraseRequest(String virtualHost, Path keySource, String keyAlgorithm, int attempt) {
    public PassPhraseRequest {
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
    }
}
