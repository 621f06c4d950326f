package io.tlsconnector.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, opened and checked: the key matches the leaf and the
 * chain leads from the leaf towards a root, in order.
 *
 * @param privateKey the private key
 * @param chain      leaf first, then its issuers
 * @param origin     where it came from, for messages and logs (file names, never key material)
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain, String origin) {
    public KeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(origin, "origin");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("key material needs at least the leaf certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** {@code RSA}, {@code EC}, {@code EdDSA}, ... as the JCA names the key. */
    public String keyType() {
        return privateKey.getAlgorithm();
    }

    /** Masks the key: key material printed to a log must not leak it. */
    @Override
    public String toString() {
        return "KeyMaterial[" + origin + ", " + leaf().getSubjectX500Principal().getName() + ", privateKey=****]";
    }
}
