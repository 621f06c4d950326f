package io.tlsconnector.cipher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reader of one cipher string, as OpenSSL 3.0's ssl_cipher_process_rulestr reads it, after the
 * DEFAULT and SUITEB prefixes ssl_create_cipher_list handles.
 */
/** ssl_cipher_process_rulestr over one string, after the DEFAULT and SUITEB prefixes. */
final class CipherStringParser {
    /** Words that ask for suites without authentication, without encryption, or with export-grade keys (F28). */
    private static final Set<String> INSECURE_WORDS = Set.of("aNULL", "eNULL", "NULL", "ADH", "AECDH",
            "COMPLEMENTOFALL", "EXP", "EXPORT", "EXPORT40", "EXPORT56", "EXP40", "EXP56");

    private final String spec;
    private final CipherRules rules = new CipherRules();
    private final List<String> unknown = new ArrayList<>();
    private final List<String> tls13 = new ArrayList<>();
    private final List<String> insecure = new ArrayList<>();
    private Integer level;

    CipherStringParser(String spec) {
        this.spec = spec;
    }

    CipherString run() {
        String rest = suiteB(spec);
        if (rest.startsWith("DEFAULT")) {
            process(CipherString.DEFAULT_RULES, false);
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
                words.stream().filter(CipherStringParser::insecureWord).forEach(insecure::add);
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
        boolean add(String word, CipherStringParser report) {
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
