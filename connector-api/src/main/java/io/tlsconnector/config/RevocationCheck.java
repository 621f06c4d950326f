package io.tlsconnector.config;

import java.util.Locale;
import java.util.Objects;

/**
 * mod_ssl's {@code SSLCARevocationCheck}: which certificates of a client's chain are checked against
 * the CRLs of {@code caRevocationFile}/{@code caRevocationPath}.
 *
 * @param mode          {@link Mode#CHAIN} every certificate up to and including the trusted CA,
 *                      {@link Mode#LEAF} only the client's own, {@link Mode#NONE} none (the default)
 * @param noCrlForCertOk the {@code no_crl_for_cert_ok} flag: a certificate whose issuer published no CRL
 *                      passes; without it verification fails with {@code unable to get certificate CRL}
 */
public record RevocationCheck(Mode mode, boolean noCrlForCertOk) {
    /** No revocation check, mod_ssl's default. */
    public static final RevocationCheck NONE = new RevocationCheck(Mode.NONE, false);

    public enum Mode { NONE, LEAF, CHAIN }

    public RevocationCheck {
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * Reads the arguments of an {@code SSLCARevocationCheck} line, e.g. {@code "chain no_crl_for_cert_ok"}.
     *
     * @throws IllegalArgumentException for an unknown mode or flag, naming the accepted words
     */
    public static RevocationCheck parse(String spec) {
        String[] words = spec.trim().toLowerCase(Locale.ROOT).split("\\s+");
        Mode mode = switch (words[0]) {
            case "none" -> Mode.NONE;
            case "leaf" -> Mode.LEAF;
            case "chain" -> Mode.CHAIN;
            default -> throw new IllegalArgumentException("SSLCARevocationCheck '" + spec.trim()
                    + "' is unknown; use chain, leaf or none, optionally followed by no_crl_for_cert_ok");
        };
        boolean noCrlOk = false;
        for (int i = 1; i < words.length; i++) {
            if (!words[i].equals("no_crl_for_cert_ok")) {
                throw new IllegalArgumentException("SSLCARevocationCheck flag '" + words[i]
                        + "' is unknown; the only flag is no_crl_for_cert_ok");
            }
            noCrlOk = true;
        }
        return new RevocationCheck(mode, noCrlOk);
    }

    @Override
    public String toString() {
        return mode.name().toLowerCase(Locale.ROOT) + (noCrlForCertOk ? " no_crl_for_cert_ok" : "");
    }
}
