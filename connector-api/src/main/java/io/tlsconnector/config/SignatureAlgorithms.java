package io.tlsconnector.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signature algorithms of {@code SSLOpenSSLConfCmd SignatureAlgorithms}, as OpenSSL 3 names them: a
 * {@code KEY+HASH} pair ({@code ECDSA+SHA256}, {@code RSA-PSS+SHA256}, {@code RSA+SHA256}) or the TLS
 * SignatureScheme name itself ({@code ecdsa_secp256r1_sha256}, {@code rsa_pss_rsae_sha256}, {@code ed25519}).
 * Each maps to its IANA SignatureScheme name, which is also JSSE's.
 */
public final class SignatureAlgorithms {
    /** The {@code KEY+HASH} pairs OpenSSL knows, for messages. */
    public static final String PAIRS = "RSA+SHA1, RSA+SHA256, RSA+SHA384, RSA+SHA512, RSA-PSS+SHA256, RSA-PSS+SHA384,"
            + " RSA-PSS+SHA512, ECDSA+SHA1, ECDSA+SHA256, ECDSA+SHA384, ECDSA+SHA512";

    private static final Map<String, String> PAIR_TO_SCHEME = new LinkedHashMap<>();
    /** Every TLS 1.2/1.3 signature scheme JSSE and OpenSSL share. */
    public static final List<String> SCHEMES = List.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
            "ed25519", "ed448", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256",
            "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
            "ecdsa_sha1", "rsa_pkcs1_sha1", "ecdsa_sha224", "rsa_sha224", "dsa_sha256", "dsa_sha224", "dsa_sha1");

    static {
        for (String hash : List.of("SHA256", "SHA384", "SHA512")) {
            PAIR_TO_SCHEME.put("rsa+" + hash.toLowerCase(Locale.ROOT), "rsa_pkcs1_" + hash.toLowerCase(Locale.ROOT));
            PAIR_TO_SCHEME.put("rsa-pss+" + hash.toLowerCase(Locale.ROOT), "rsa_pss_rsae_" + hash.toLowerCase(Locale.ROOT));
            PAIR_TO_SCHEME.put("pss+" + hash.toLowerCase(Locale.ROOT), "rsa_pss_rsae_" + hash.toLowerCase(Locale.ROOT));
        }
        PAIR_TO_SCHEME.put("rsa+sha1", "rsa_pkcs1_sha1");
        PAIR_TO_SCHEME.put("ecdsa+sha1", "ecdsa_sha1");
        PAIR_TO_SCHEME.put("ecdsa+sha256", "ecdsa_secp256r1_sha256");
        PAIR_TO_SCHEME.put("ecdsa+sha384", "ecdsa_secp384r1_sha384");
        PAIR_TO_SCHEME.put("ecdsa+sha512", "ecdsa_secp521r1_sha512");
        PAIR_TO_SCHEME.put("ecdsa+sha224", "ecdsa_sha224");
        PAIR_TO_SCHEME.put("rsa+sha224", "rsa_sha224");
        PAIR_TO_SCHEME.put("dsa+sha256", "dsa_sha256");
        PAIR_TO_SCHEME.put("dsa+sha224", "dsa_sha224");
        PAIR_TO_SCHEME.put("dsa+sha1", "dsa_sha1");
    }

    private SignatureAlgorithms() {
    }

    /** The IANA SignatureScheme name of {@code name} (OpenSSL syntax, any case), or null when it is none. */
    public static String scheme(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (SCHEMES.contains(lower)) {
            return lower;
        }
        return PAIR_TO_SCHEME.get(lower);
    }
}
