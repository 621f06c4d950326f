package io.tlsconnector.passphrase;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link PassPhraseProvider} is asked for: the pass-phrase of one encrypted key or key store.
 *
 * @param virtualHost  server name of the virtual host the key belongs to
 * @param port         the port mod_ssl puts in the virtual host's id ({@code servername:port}); 443, as
 *                     mod_ssl uses for an SSL virtual host whose ServerName has no port
 * @param keySource    the encrypted key file or key store
 * @param keyIndex     position of the key among the host's certificates, counting from 0
 * @param keyAlgorithm {@code RSA}, {@code EC}, {@code DSA} or {@code UNK}, taken from the certificate
 *                     when it is known
 * @param attempt      1 for the first question about this key, 2 after one wrong answer, and so on
 */
public record PassPhraseRequest(String virtualHost, int port, Path keySource, int keyIndex, String keyAlgorithm,
                                int attempt) {
    /** The port in {@link #virtualHostId()} when none is configured, as mod_ssl does for SSL hosts. */
    public static final int DEFAULT_PORT = 443;

    public PassPhraseRequest {
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
        if (keyIndex < 0) {
            throw new IllegalArgumentException("keyIndex counts from 0, was " + keyIndex);
        }
    }

    /** The first key of a host on port 443. */
    public PassPhraseRequest(String virtualHost, Path keySource, String keyAlgorithm, int attempt) {
        this(virtualHost, DEFAULT_PORT, keySource, 0, keyAlgorithm, attempt);
    }

    /** mod_ssl's id of the virtual host, {@code servername:port}: the first argument of an {@code exec:} program. */
    public String virtualHostId() {
        return virtualHost + ":" + port;
    }

    /**
     * The second argument mod_ssl 2.4 gives an {@code exec:} program: {@code RSA}, {@code DSA} and
     * {@code ECC} for the host's first, second and third key (by position, not by the key's real
     * type), the decimal index from the fourth on.
     */
    public String modSslKeyType() {
        return switch (keyIndex) {
            case 0 -> "RSA";
            case 1 -> "DSA";
            case 2 -> "ECC";
            default -> Integer.toString(keyIndex);
        };
    }

    /** The same request after {@code attempt - 1} wrong answers. */
    public PassPhraseRequest withAttempt(int next) {
        return new PassPhraseRequest(virtualHost, port, keySource, keyIndex, keyAlgorithm, next);
    }
}
