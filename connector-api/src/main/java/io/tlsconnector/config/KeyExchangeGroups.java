package io.tlsconnector.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The key-exchange group names a host may list, in OpenSSL's spelling, with the aliases OpenSSL accepts. */
public final class KeyExchangeGroups {
    /** Offered when a host names none: the post-quantum hybrid first, then the classic curves. */
    public static final List<String> DEFAULT = List.of("X25519MLKEM768", "X25519", "P-256", "P-384");
    /** Every group a host may name, in OpenSSL's canonical spelling ({@link #canonical} also takes its aliases). */
    public static final List<String> KNOWN = List.of("X25519MLKEM768", "X25519", "P-256", "P-384", "P-521");
    private static final Map<String, String> ALIASES = Map.of(
            "x25519mlkem768", "X25519MLKEM768", "x25519", "X25519",
            "p-256", "P-256", "prime256v1", "P-256", "secp256r1", "P-256",
            "p-384", "P-384", "secp384r1", "P-384",
            "p-521", "P-521", "secp521r1", "P-521");

    private KeyExchangeGroups() {
    }

    /** The group's canonical name, or {@code null} when {@code name} is not one. */
    public static String canonical(String name) {
        return ALIASES.get(name.trim().toLowerCase(Locale.ROOT));
    }

    /** JSSE's name for a group ({@code x25519}, {@code secp256r1}), or {@code null} when JSSE has none (the ML-KEM hybrid). */
    public static String jsseName(String canonical) {
        return switch (canonical) {
            case "X25519" -> "x25519";
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> null;
        };
    }
}
