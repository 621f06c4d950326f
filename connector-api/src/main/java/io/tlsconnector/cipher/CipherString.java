package io.tlsconnector.cipher;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An OpenSSL cipher string (mod_ssl's {@code SSLCipherSuite}, e.g. {@code HIGH:!aNULL:!MD5} or
 * {@code ECDHE+AESGCM:@STRENGTH}) expanded the way OpenSSL 3.0 expands it: the TLS &le; 1.2 suites in
 * the order {@code openssl ciphers -stdname -tls1_2 'STRING'} prints them (F27). The expansion is the
 * whole OpenSSL list; narrowing it to what the active TLS provider implements happens when a virtual
 * host's context is built.
 *
 * <p>Syntax: words separated by {@code :}, {@code ,}, {@code ;} or spaces; a word is an alias
 * ({@code HIGH}, {@code aRSA}, {@code AESGCM}, ...), a cipher's OpenSSL name, or several joined with
 * {@code +} (all must match); {@code !} removes for good, {@code -} removes (a later word may add back),
 * {@code +} in front moves to the end; {@code @STRENGTH} sorts by key length and {@code @SECLEVEL=n}
 * sets OpenSSL's security level. A string beginning with {@code DEFAULT} starts from OpenSSL's default
 * list; one beginning with {@code SUITEB128}, {@code SUITEB128ONLY}, {@code SUITEB128C2} or
 * {@code SUITEB192} is replaced by the Suite B suites. As in OpenSSL, names are case-sensitive and a
 * word naming nothing is skipped ({@link #unknownWords()} lists them). Beyond OpenSSL 3.0, a word may
 * also be a suite's IANA name; TLS 1.3 suite names are collected in {@link #tls13Names()} and
 * otherwise ignored, as OpenSSL ignores them.
 */
public final class CipherString {
    /** OpenSSL 3.0's default TLS 1.3 suites, in order (mod_ssl's {@code SSLCipherSuite TLSv1.3} default). */
    public static final String TLS13_DEFAULT = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
    /** What {@code DEFAULT} stands for in OpenSSL 3.0 ({@code OSSL_default_cipher_list}). */
    static final String DEFAULT_RULES = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

    private final String spec;
    private final List<CipherSuite> suites;
    private final List<String> unknownWords;
    private final List<String> tls13Names;
    private final List<String> insecureRequests;
    private final Integer securityLevel;

    CipherString(String spec, List<CipherSuite> suites, List<String> unknownWords, List<String> tls13Names,
                 List<String> insecureRequests, Integer securityLevel) {
        this.spec = spec;
        this.suites = List.copyOf(suites);
        this.unknownWords = List.copyOf(unknownWords);
        this.tls13Names = List.copyOf(tls13Names);
        this.insecureRequests = List.copyOf(insecureRequests);
        this.securityLevel = securityLevel;
    }

    /**
     * Expands an OpenSSL cipher string.
     *
     * @throws IllegalArgumentException where OpenSSL reports "invalid command": a character that is no
     *                                  separator, operator or name character, an empty name after an
     *                                  operator, or an unknown {@code @} command
     */
    public static CipherString parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        return new CipherStringParser(spec).run();
    }

    /**
     * Parses a TLS 1.3 suite list, mod_ssl's {@code SSLCipherSuite TLSv1.3 ...}: IANA names separated by
     * colons, in preference order.
     *
     * @throws IllegalArgumentException naming a word that is not a TLS 1.3 suite
     */
    public static List<CipherSuite> parseTls13(String spec) {
        Objects.requireNonNull(spec, "spec");
        Set<CipherSuite> chosen = new LinkedHashSet<>();
        for (String word : spec.trim().split("[:,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            CipherSuite suite = CipherTable.tls13ByName(word);
            if (suite == null) {
                throw new IllegalArgumentException("'" + word + "' in TLS 1.3 suite list \"" + spec
                        + "\" is not a TLS 1.3 cipher suite; use " + String.join(", ",
                        CipherTable.TLS13.stream().map(CipherSuite::ianaName).toList()));
            }
            chosen.add(suite);
        }
        return List.copyOf(chosen);
    }

    /** Every TLS &le; 1.2 suite OpenSSL 3.0 knows (ALL:COMPLEMENTOFALL), highest code point first. */
    public static List<CipherSuite> knownSuites() {
        return CipherTable.TLS12.stream().map(CipherTable.Entry::suite).toList();
    }

    /** Every TLS 1.3 suite OpenSSL 3.0 knows, in its order of preference. */
    public static List<CipherSuite> knownTls13Suites() {
        return CipherTable.TLS13;
    }

    /**
     * The 3DES suites OpenSSL 3.0 builds only with {@code enable-weak-ssl-ciphers}: no cipher string selects
     * them, but a JSSE session may still use one, and {@code SSL_CIPHER} then needs OpenSSL's name for it.
     */
    public static List<CipherSuite> legacySuites() {
        return CipherTable.LEGACY;
    }

    /** The IANA name of a cipher suite code point (as a ClientHello carries it), or {@code 0xC0FF} hex. */
    public static String ianaName(int codePoint) {
        return CipherTable.nameOf(codePoint);
    }

    /** The suite with this OpenSSL or IANA name, TLS 1.3 included. */
    public static java.util.Optional<CipherSuite> suite(String name) {
        CipherTable.Entry e = CipherTable.byOpenSslName(name);
        if (e == null) {
            e = CipherTable.byIanaName(name);
        }
        return java.util.Optional.ofNullable(e != null ? e.suite() : CipherTable.tls13ByName(name));
    }

    /** True when {@code word} is one of OpenSSL 3.0's cipher-string aliases (HIGH, aRSA, ...). */
    public static boolean isAlias(String word) {
        return CipherRules.ALIASES.containsKey(word) || word.equals("DEFAULT") || word.startsWith("SUITEB");
    }

    public String spec() {
        return spec;
    }

    /** The TLS &le; 1.2 suites, in OpenSSL's order. */
    public List<CipherSuite> suites() {
        return suites;
    }

    /** The same suites by IANA name, the names JSSE uses. */
    public List<String> ianaNames() {
        return suites.stream().map(CipherSuite::ianaName).toList();
    }

    /** Words that are neither an alias nor a suite name; OpenSSL skips them silently. */
    public List<String> unknownWords() {
        return unknownWords;
    }

    /** TLS 1.3 suite names that appeared in the string, in order; OpenSSL ignores them here. */
    public List<String> tls13Names() {
        return tls13Names;
    }

    /**
     * Words of adding rules that ask for anonymous (aNULL), unencrypted (eNULL) or export-grade suites,
     * e.g. {@code aNULL}, {@code ADH-AES128-SHA}, {@code EXPORT} (F28).
     */
    public List<String> insecureRequests() {
        return insecureRequests;
    }

    /** The level of the last {@code @SECLEVEL=n}, if any; it does not change the list (as {@code openssl ciphers}). */
    public OptionalInt securityLevel() {
        return securityLevel == null ? OptionalInt.empty() : OptionalInt.of(securityLevel);
    }

    @Override
    public String toString() {
        return spec;
    }
}
