package io.tlsconnector.config;

import java.util.Locale;
import java.util.Objects;
import io.tlsconnector.pki.PrivateKeys;

/**
 * What kind of key pair {@link PrivateKeys#generate(KeySpec)} makes. Presets instead of numbers:
 * {@link #rsa2048()}, {@link #ecP256()}, {@link #ed25519()}.
 *
 * @param type  the algorithm
 * @param bits  RSA modulus size; 0 for the other types
 * @param curve EC curve name ({@code P-256}, {@code P-384}, {@code P-521}); {@code null} for the other types
 */
public record KeySpec(Type type, int bits, String curve) {

    /** The key algorithms the toolkit generates. */
    public enum Type { RSA, EC, ED25519 }

    public KeySpec {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case RSA -> {
                if (bits < 2048 || bits > 16384) {
                    throw new IllegalArgumentException("RSA keys need 2048 to 16384 bits (F20: smaller keys are refused "
                            + "by current clients), not " + bits);
                }
                curve = null;
            }
            case EC -> {
                curve = jcaCurve(curve);
                bits = 0;
            }
            case ED25519 -> {
                bits = 0;
                curve = null;
            }
        }
    }

    public static KeySpec rsa(int bits) {
        return new KeySpec(Type.RSA, bits, null);
    }

    public static KeySpec rsa2048() {
        return rsa(2048);
    }

    /** @param curve {@code P-256}, {@code P-384}, {@code P-521} or the {@code secp256r1}-style name */
    public static KeySpec ec(String curve) {
        return new KeySpec(Type.EC, 0, curve);
    }

    public static KeySpec ecP256() {
        return ec("P-256");
    }

    public static KeySpec ed25519() {
        return new KeySpec(Type.ED25519, 0, null);
    }

    /**
     * From command-line words: {@code rsa} (bits default 2048), {@code ec} (curve default P-256), {@code ed25519}.
     *
     * @param bits  null for the default
     * @param curve null for the default
     */
    public static KeySpec parse(String type, Integer bits, String curve) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "rsa" -> rsa(bits == null ? 2048 : bits);
            case "ec", "ecdsa" -> ec(curve == null ? "P-256" : curve);
            case "ed25519" -> ed25519();
            default -> throw new IllegalArgumentException("unknown key type '" + type + "'; use rsa, ec or ed25519");
        };
    }

    private static String jcaCurve(String curve) {
        String name = curve == null ? "P-256" : curve.toUpperCase(Locale.ROOT);
        return switch (name) {
            case "P-256", "SECP256R1", "PRIME256V1" -> "secp256r1";
            case "P-384", "SECP384R1" -> "secp384r1";
            case "P-521", "SECP521R1" -> "secp521r1";
            default -> throw new IllegalArgumentException("unknown EC curve '" + curve + "'; use P-256, P-384 or P-521");
        };
    }

    @Override
    public String toString() {
        return switch (type) {
            case RSA -> "RSA " + bits;
            case EC -> "EC " + curve;
            case ED25519 -> "Ed25519";
        };
    }
}
