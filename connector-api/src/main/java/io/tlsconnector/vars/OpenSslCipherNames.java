package io.tlsconnector.vars;

import java.util.HashMap;
import java.util.Map;

/**
 * JSSE (IANA) cipher suite names to the names OpenSSL prints, with OpenSSL's key sizes, for
 * {@code SSL_CIPHER}, {@code SSL_CIPHER_USEKEYSIZE} and {@code SSL_CIPHER_ALGKEYSIZE}. Taken from
 * {@code openssl ciphers -stdname -v} (OpenSSL 3.0); the test compares it with the installed openssl.
 * Kept small and package-private: the full OpenSSL cipher table lives in {@code io.tlsconnector.cipher}.
 */
final class OpenSslCipherNames {
    /** OpenSSL's name and its {@code SSL_CIPHER_get_bits} (used, algorithm) for one suite. */
    record Cipher(String openSslName, int useKeySize, int algKeySize) {
    }

    private static final Map<String, Cipher> BY_IANA_NAME = new HashMap<>();

    static {
        entry("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 256, 256);
        entry("TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", 256, 256);
        entry("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", 128, 128);
        entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", 256, 256);
        entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", 256, 256);
        entry("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE-DSS-AES256-GCM-SHA384", 256, 256);
        entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384", 256, 256);
        entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", 256, 256);
        entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", 256, 256);
        entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305", 256, 256);
        entry("TLS_DH_anon_WITH_AES_256_GCM_SHA384", "ADH-AES256-GCM-SHA384", 256, 256);
        entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", 128, 128);
        entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", 128, 128);
        entry("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE-DSS-AES128-GCM-SHA256", 128, 128);
        entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256", 128, 128);
        entry("TLS_DH_anon_WITH_AES_128_GCM_SHA256", "ADH-AES128-GCM-SHA256", 128, 128);
        entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", 256, 256);
        entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", 256, 256);
        entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256", 256, 256);
        entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE-DSS-AES256-SHA256", 256, 256);
        entry("TLS_DH_anon_WITH_AES_256_CBC_SHA256", "ADH-AES256-SHA256", 256, 256);
        entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", 128, 128);
        entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", 128, 128);
        entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256", 128, 128);
        entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE-DSS-AES128-SHA256", 128, 128);
        entry("TLS_DH_anon_WITH_AES_128_CBC_SHA256", "ADH-AES128-SHA256", 128, 128);
        entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", 256, 256);
        entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", 256, 256);
        entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA", 256, 256);
        entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE-DSS-AES256-SHA", 256, 256);
        entry("TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "AECDH-AES256-SHA", 256, 256);
        entry("TLS_DH_anon_WITH_AES_256_CBC_SHA", "ADH-AES256-SHA", 256, 256);
        entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", 128, 128);
        entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", 128, 128);
        entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA", 128, 128);
        entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE-DSS-AES128-SHA", 128, 128);
        entry("TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "AECDH-AES128-SHA", 128, 128);
        entry("TLS_DH_anon_WITH_AES_128_CBC_SHA", "ADH-AES128-SHA", 128, 128);
        entry("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", 256, 256);
        entry("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", 128, 128);
        entry("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256", 256, 256);
        entry("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256", 128, 128);
        entry("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA", 256, 256);
        entry("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA", 128, 128);
        entry("TLS_ECDHE_ECDSA_WITH_NULL_SHA", "ECDHE-ECDSA-NULL-SHA", 0, 0);
        entry("TLS_ECDHE_RSA_WITH_NULL_SHA", "ECDHE-RSA-NULL-SHA", 0, 0);
        entry("TLS_ECDH_anon_WITH_NULL_SHA", "AECDH-NULL-SHA", 0, 0);
        entry("TLS_RSA_WITH_NULL_SHA256", "NULL-SHA256", 0, 0);
        entry("TLS_RSA_WITH_NULL_SHA", "NULL-SHA", 0, 0);
        entry("TLS_RSA_WITH_NULL_MD5", "NULL-MD5", 0, 0);
        entry("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA", 112, 168);
        entry("TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-ECDSA-DES-CBC3-SHA", 112, 168);
        entry("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-RSA-DES-CBC3-SHA", 112, 168);
        // TLS-SRP (F35), served by the Bouncy Castle engine.
        entry("TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "SRP-AES-256-CBC-SHA", 256, 256);
        entry("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", "SRP-RSA-AES-256-CBC-SHA", 256, 256);
        entry("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", "SRP-DSS-AES-256-CBC-SHA", 256, 256);
        entry("TLS_SRP_SHA_WITH_AES_128_CBC_SHA", "SRP-AES-128-CBC-SHA", 128, 128);
        entry("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", "SRP-RSA-AES-128-CBC-SHA", 128, 128);
        entry("TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", "SRP-DSS-AES-128-CBC-SHA", 128, 128);
    }

    private OpenSslCipherNames() {
    }

    private static void entry(String iana, String openSsl, int useBits, int algBits) {
        BY_IANA_NAME.put(iana, new Cipher(openSsl, useBits, algBits));
    }

    /**
     * The OpenSSL view of a JSSE suite name ({@code SSL_} prefixes count as {@code TLS_}). A suite
     * missing from the table keeps its JSSE name, with key sizes read from the name.
     */
    static Cipher of(String jsseName) {
        String iana = jsseName.startsWith("SSL_") ? "TLS_" + jsseName.substring(4) : jsseName;
        Cipher known = BY_IANA_NAME.get(iana);
        if (known != null) {
            return known;
        }
        int bits = iana.contains("_256_") || iana.contains("CHACHA20") ? 256
                : iana.contains("_128_") ? 128
                : iana.contains("3DES") ? 168
                : iana.contains("_NULL_") ? 0 : 0;
        return new Cipher(jsseName, iana.contains("3DES") ? 112 : bits, bits);
    }

    /** Every IANA name in the table, for the comparison with the installed openssl. */
    static Map<String, Cipher> table() {
        return Map.copyOf(BY_IANA_NAME);
    }
}
