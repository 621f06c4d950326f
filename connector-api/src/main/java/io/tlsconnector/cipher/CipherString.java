package io.tlsconnector.cipher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    /** Words that ask for suites without authentication, without encryption, or with export-grade keys (F28). */
    private static final Set<String> INSECURE_WORDS = Set.of("aNULL", "eNULL", "NULL", "ADH", "AECDH",
            "COMPLEMENTOFALL", "EXP", "EXPORT", "EXPORT40", "EXPORT56", "EXP40", "EXP56");

    private final String spec;
    private final List<CipherSuite> suites;
    private final List<String> unknownWords;
    private final List<String> tls13Names;
    private final List<String> insecureRequests;
    private final Integer securityLevel;

    private CipherString(String spec, List<CipherSuite> suites, List<String> unknownWords, List<String> tls13Names,
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
        return new Parser(spec).run();
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

    /** ssl_cipher_process_rulestr over one string, after the DEFAULT and SUITEB prefixes. */
    private static final class Parser {
        private final String spec;
        private final CipherRules rules = new CipherRules();
        private final List<String> unknown = new ArrayList<>();
        private final List<String> tls13 = new ArrayList<>();
        private final List<String> insecure = new ArrayList<>();
        private Integer level;

        Parser(String spec) {
            this.spec = spec;
        }

        CipherString run() {
            String rest = suiteB(spec);
            if (rest.startsWith("DEFAULT")) {
                process(DEFAULT_RULES, false);
                rest = rest.substring(7);
                if (rest.startsWith(":")) {
                    rest = rest.substring(1);
                }
            }
            process(rest, true);
            return new CipherString(spec, rules.active(), unknown, tls13, insecure, level);
        }

        private static String suiteB(String s) {
            if (s.startsWith("SUITEB128ONLY")) {
                return "ECDHE-ECDSA-AES128-GCM-SHA256";
            } else if (s.startsWith("SUITEB128C2") || s.startsWith("SUITEB192")) {
                return "ECDHE-ECDSA-AES256-GCM-SHA384";
            } else if (s.startsWith("SUITEB128")) {
                return "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";
            }
            return s;
        }

        private static boolean separator(char c) {
            return c == ':' || c == ' ' || c == ';' || c == ',';
        }

        private static boolean nameChar(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '=';
        }

        private void process(String s, boolean user) {
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (separator(c)) {
                    i++;
                    continue;
                }
                CipherRules.Op op = CipherRules.Op.ADD;
                boolean special = false;
                switch (c) {
                    case '-' -> op = CipherRules.Op.DEL;
                    case '+' -> op = CipherRules.Op.ORD;
                    case '!' -> op = CipherRules.Op.KILL;
                    case '@' -> special = true;
                    default -> i--;
                }
                i++;
                Term term = new Term();
                List<String> words = new ArrayList<>();
                boolean found = true;
                while (true) {
                    int start = i;
                    while (i < n && nameChar(s.charAt(i))) {
                        i++;
                    }
                    if (i == start) {
                        throw new IllegalArgumentException(invalid(s, start));
                    }
                    String word = s.substring(start, i);
                    words.add(word);
                    if (special) {
                        command(word, s);
                        break;
                    }
                    boolean multi = i < n && s.charAt(i) == '+';
                    if (multi) {
                        i++;
                    }
                    found = term.add(word, user ? this : null);
                    if (!found || !multi) {
                        break;
                    }
                }
                if (!special && found) {
                    rules.apply(op, term.selector());
                }
                if (!special && user && op == CipherRules.Op.ADD) {
                    words.stream().filter(Parser::insecureWord).forEach(insecure::add);
                }
                if (special || !found) {
                    // OpenSSL skips the rest of the word; after an applied rule it reads on right away.
                    while (i < n && !separator(s.charAt(i))) {
                        i++;
                    }
                }
            }
        }

        private static boolean insecureWord(String word) {
            if (INSECURE_WORDS.contains(word) || word.startsWith("EXP-") || word.startsWith("EXP1024-")) {
                return true;
            }
            CipherTable.Entry e = CipherTable.byOpenSslName(word);
            if (e == null) {
                e = CipherTable.byIanaName(word);
            }
            return e != null && (e.suite().isAnonymous() || e.suite().isNullEncryption());
        }

        private void command(String word, String s) {
            if (word.equals("STRENGTH")) {
                rules.sortByStrength();
            } else if (word.length() == 10 && word.startsWith("SECLEVEL=")
                    && word.charAt(9) >= '0' && word.charAt(9) <= '5') {
                level = word.charAt(9) - '0';
            } else {
                throw new IllegalArgumentException("'@" + word + "' in cipher string \"" + s
                        + "\" is not a command; OpenSSL knows @STRENGTH and @SECLEVEL=0..5");
            }
        }

        private static String invalid(String s, int at) {
            String what = at < s.length() ? "character '" + s.charAt(at) + "'" : "end of the string";
            return "cipher string \"" + s + "\" has an unexpected " + what + " at position " + (at + 1)
                    + " where a cipher name or alias should be; write words such as HIGH or ECDHE-ECDSA-AES128-GCM-SHA256"
                    + " separated by ':', optionally with !, - or + in front and joined with + (e.g. ECDHE+AESGCM)";
        }

        void noteUnknown(String word) {
            if (CipherTable.tls13ByName(word) != null) {
                tls13.add(word);
            } else if (!word.toUpperCase(Locale.ROOT).startsWith("EXP")) {
                unknown.add(word);
            }
        }
    }

    /** One rule's selector, built from its words as ssl_cipher_process_rulestr does. */
    private static final class Term {
        private int id;
        private int mkey;
        private int auth;
        private int enc;
        private int mac;
        private int minTls;
        private int strength;

        /** @return false when the word names nothing, or contradicts the words before it */
        boolean add(String word, Parser report) {
            CipherTable.Entry cipher = CipherTable.byOpenSslName(word);
            if (cipher == null) {
                cipher = CipherTable.byIanaName(word);
            }
            CipherRules.Alias alias = CipherRules.ALIASES.get(word);
            if (cipher == null && alias == null) {
                if (report != null) {
                    report.noteUnknown(word);
                }
                return false;
            }
            int wMkey = cipher != null ? cipher.mkey() : alias.mkey();
            int wAuth = cipher != null ? cipher.auth() : alias.auth();
            int wEnc = cipher != null ? cipher.enc() : alias.enc();
            int wMac = cipher != null ? cipher.mac() : alias.mac();
            int wStrength = cipher != null ? cipher.strength() : alias.strength();
            if ((mkey = merge(mkey, wMkey)) == 0 && wMkey != 0
                    || (auth = merge(auth, wAuth)) == 0 && wAuth != 0
                    || (enc = merge(enc, wEnc)) == 0 && wEnc != 0
                    || (mac = merge(mac, wMac)) == 0 && wMac != 0) {
                return false;
            }
            if ((wStrength & CipherTable.STRONG_MASK) != 0) {
                if ((strength & CipherTable.STRONG_MASK) != 0) {
                    strength &= (wStrength & CipherTable.STRONG_MASK) | ~CipherTable.STRONG_MASK;
                    if ((strength & CipherTable.STRONG_MASK) == 0) {
                        return false;
                    }
                } else {
                    strength = wStrength & CipherTable.STRONG_MASK;
                }
            }
            if ((wStrength & CipherTable.DEFAULT_MASK) != 0) {
                if ((strength & CipherTable.DEFAULT_MASK) != 0) {
                    strength &= (wStrength & CipherTable.DEFAULT_MASK) | ~CipherTable.DEFAULT_MASK;
                    if ((strength & CipherTable.DEFAULT_MASK) == 0) {
                        return false;
                    }
                } else {
                    strength |= wStrength & CipherTable.DEFAULT_MASK;
                }
            }
            if (cipher != null) {
                id = cipher.suite().id();
            } else if (alias.minTls() != 0) {
                if (minTls != 0 && minTls != alias.minTls()) {
                    return false;
                }
                minTls = alias.minTls();
            }
            return true;
        }

        private static int merge(int current, int word) {
            if (word == 0) {
                return current;
            }
            return current == 0 ? word : current & word;
        }

        CipherRules.Selector selector() {
            return new CipherRules.Selector(id, mkey, auth, enc, mac, minTls, strength);
        }
    }
}
