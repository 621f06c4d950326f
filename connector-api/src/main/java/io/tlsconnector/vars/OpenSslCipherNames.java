package io.tlsconnector.vars;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tlsconnector.cipher.CipherString;
import io.tlsconnector.cipher.CipherSuite;

/**
 * JSSE (IANA) cipher suite names to the names OpenSSL prints, with OpenSSL's key sizes, for
 * {@code SSL_CIPHER}, {@code SSL_CIPHER_USEKEYSIZE} and {@code SSL_CIPHER_ALGKEYSIZE}. The names come from
 * the one OpenSSL cipher table, in {@code io.tlsconnector.cipher} ({@link CipherString#knownSuites},
 * {@link CipherString#knownTls13Suites} and the 3DES {@link CipherString#legacySuites}); the test compares
 * them with the installed openssl.
 */
final class OpenSslCipherNames {
    /** OpenSSL's name and its {@code SSL_CIPHER_get_bits} (used, algorithm) for one suite. */
    record Cipher(String openSslName, int useKeySize, int algKeySize) {
    }

    private static final Map<String, Cipher> BY_IANA_NAME = new HashMap<>();

    static {
        Stream.of(CipherString.knownSuites(), CipherString.knownTls13Suites(), CipherString.legacySuites())
                .flatMap(List::stream)
                .forEach(suite -> BY_IANA_NAME.put(suite.ianaName(), cipher(suite)));
    }

    private OpenSslCipherNames() {
    }

    /** Used bits are OpenSSL's strength ({@code 112} for 3DES); algorithm bits the key size in {@code Enc=AES(256)}. */
    private static Cipher cipher(CipherSuite suite) {
        String enc = suite.encryption();
        int open = enc.indexOf('(');
        int algBits = open < 0 ? 0 : Integer.parseInt(enc.substring(open + 1, enc.indexOf(')', open)));
        return new Cipher(suite.openSslName(), suite.strengthBits(), algBits);
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
