package io.tlsconnector.cipher;

import static io.tlsconnector.cipher.CipherTable.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenSSL 3.0's cipher-list machinery ({@code ssl/ssl_ciph.c}): the alias table, the rule that adds,
 * moves, deletes or kills the suites a selector matches, the strength sort, and the preference order
 * every list starts from. The list keeps every suite; inactive ones remember their place for later
 * additions, exactly as OpenSSL's linked list does.
 */
final class CipherRules {
    enum Op { ADD, ORD, DEL, KILL, BUMP }

    /** What a rule selects: a single suite (id != 0) or every suite matching all non-zero masks. */
    record Selector(int id, int mkey, int auth, int enc, int mac, int minTls, int strength) {
        static final Selector EVERYTHING = new Selector(0, 0, 0, 0, 0, 0, 0);

        boolean matches(Entry e) {
            return (id == 0 || id == e.suite().id())
                    && (mkey == 0 || (mkey & e.mkey()) != 0)
                    && (auth == 0 || (auth & e.auth()) != 0)
                    && (enc == 0 || (enc & e.enc()) != 0)
                    && (mac == 0 || (mac & e.mac()) != 0)
                    && (minTls == 0 || minTls == e.minTls())
                    && ((strength & STRONG_MASK) == 0 || (strength & STRONG_MASK & e.strength()) != 0)
                    && ((strength & DEFAULT_MASK) == 0 || (strength & DEFAULT_MASK & e.strength()) != 0);
        }
    }

    /** A name in the cipher string that stands for a selector (ssl_ciph.c cipher_aliases[]). */
    record Alias(int mkey, int auth, int enc, int mac, int minTls, int strength) {
    }

    static final Map<String, Alias> ALIASES = new HashMap<>();

    private static void alias(String name, int mkey, int auth, int enc, int mac, int minTls, int strength) {
        ALIASES.put(name, new Alias(mkey, auth, enc, mac, minTls, strength));
    }

    static {
        alias("ALL", 0, 0, ~E_NULL, 0, 0, 0);
        alias("COMPLEMENTOFALL", 0, 0, E_NULL, 0, 0, 0);
        alias("COMPLEMENTOFDEFAULT", 0, 0, 0, 0, 0, S_NOT_DEFAULT);
        alias("kRSA", K_RSA, 0, 0, 0, 0, 0);
        alias("kEDH", K_DHE, 0, 0, 0, 0, 0);
        alias("kDHE", K_DHE, 0, 0, 0, 0, 0);
        alias("DH", K_DHE, 0, 0, 0, 0, 0);
        alias("kEECDH", K_ECDHE, 0, 0, 0, 0, 0);
        alias("kECDHE", K_ECDHE, 0, 0, 0, 0, 0);
        alias("ECDH", K_ECDHE, 0, 0, 0, 0, 0);
        alias("kPSK", K_PSK, 0, 0, 0, 0, 0);
        alias("kRSAPSK", K_RSAPSK, 0, 0, 0, 0, 0);
        alias("kECDHEPSK", K_ECDHEPSK, 0, 0, 0, 0, 0);
        alias("kDHEPSK", K_DHEPSK, 0, 0, 0, 0, 0);
        alias("kSRP", K_SRP, 0, 0, 0, 0, 0);
        alias("kGOST", K_GOST, 0, 0, 0, 0, 0);
        alias("kGOST18", K_GOST18, 0, 0, 0, 0, 0);
        alias("aRSA", 0, A_RSA, 0, 0, 0, 0);
        alias("aDSS", 0, A_DSS, 0, 0, 0, 0);
        alias("DSS", 0, A_DSS, 0, 0, 0, 0);
        alias("aNULL", 0, A_NULL, 0, 0, 0, 0);
        alias("aECDSA", 0, A_ECDSA, 0, 0, 0, 0);
        alias("ECDSA", 0, A_ECDSA, 0, 0, 0, 0);
        alias("aPSK", 0, A_PSK, 0, 0, 0, 0);
        alias("aGOST01", 0, A_GOST01, 0, 0, 0, 0);
        alias("aGOST12", 0, A_GOST12, 0, 0, 0, 0);
        alias("aGOST", 0, A_GOST01 | A_GOST12, 0, 0, 0, 0);
        alias("aSRP", 0, A_SRP, 0, 0, 0, 0);
        alias("EDH", K_DHE, ~A_NULL, 0, 0, 0, 0);
        alias("DHE", K_DHE, ~A_NULL, 0, 0, 0, 0);
        alias("EECDH", K_ECDHE, ~A_NULL, 0, 0, 0, 0);
        alias("ECDHE", K_ECDHE, ~A_NULL, 0, 0, 0, 0);
        alias("NULL", 0, 0, E_NULL, 0, 0, 0);
        alias("RSA", K_RSA, A_RSA, 0, 0, 0, 0);
        alias("ADH", K_DHE, A_NULL, 0, 0, 0, 0);
        alias("AECDH", K_ECDHE, A_NULL, 0, 0, 0, 0);
        alias("PSK", K_ANY_PSK, 0, 0, 0, 0, 0);
        alias("SRP", K_SRP, 0, 0, 0, 0, 0);
        alias("DES", 0, 0, E_DES, 0, 0, 0);
        alias("3DES", 0, 0, E_3DES, 0, 0, 0);
        alias("RC4", 0, 0, E_RC4, 0, 0, 0);
        alias("RC2", 0, 0, E_RC2, 0, 0, 0);
        alias("IDEA", 0, 0, E_IDEA, 0, 0, 0);
        alias("SEED", 0, 0, E_SEED, 0, 0, 0);
        alias("eNULL", 0, 0, E_NULL, 0, 0, 0);
        alias("GOST", 0, 0, E_GOST89 | E_GOST89_12 | E_MAGMA | E_KUZNYECHIK, 0, 0, 0);
        alias("AES128", 0, 0, E_AES128 | E_AES128GCM | E_AES128CCM | E_AES128CCM8, 0, 0, 0);
        alias("AES256", 0, 0, E_AES256 | E_AES256GCM | E_AES256CCM | E_AES256CCM8, 0, 0, 0);
        alias("AES", 0, 0, E_AES, 0, 0, 0);
        alias("AESGCM", 0, 0, E_AESGCM, 0, 0, 0);
        alias("AESCCM", 0, 0, E_AESCCM, 0, 0, 0);
        alias("AESCCM8", 0, 0, E_AES128CCM8 | E_AES256CCM8, 0, 0, 0);
        alias("CAMELLIA128", 0, 0, E_CAMELLIA128, 0, 0, 0);
        alias("CAMELLIA256", 0, 0, E_CAMELLIA256, 0, 0, 0);
        alias("CAMELLIA", 0, 0, E_CAMELLIA, 0, 0, 0);
        alias("CHACHA20", 0, 0, E_CHACHA20POLY1305, 0, 0, 0);
        alias("GOST2012-GOST8912-GOST8912", 0, 0, E_GOST89_12, 0, 0, 0);
        alias("ARIA", 0, 0, E_ARIA, 0, 0, 0);
        alias("ARIAGCM", 0, 0, E_ARIA, 0, 0, 0);
        alias("ARIA128", 0, 0, E_ARIA128GCM, 0, 0, 0);
        alias("ARIA256", 0, 0, E_ARIA256GCM, 0, 0, 0);
        alias("CBC", 0, 0, E_CBC, 0, 0, 0);
        alias("MD5", 0, 0, 0, M_MD5, 0, 0);
        alias("SHA1", 0, 0, 0, M_SHA1, 0, 0);
        alias("SHA", 0, 0, 0, M_SHA1, 0, 0);
        alias("GOST94", 0, 0, 0, M_GOST94, 0, 0);
        alias("GOST89MAC", 0, 0, 0, M_GOST89MAC | M_GOST89MAC12, 0, 0);
        alias("SHA256", 0, 0, 0, M_SHA256, 0, 0);
        alias("SHA384", 0, 0, 0, M_SHA384, 0, 0);
        alias("GOST12", 0, 0, 0, M_GOST12_256, 0, 0);
        alias("SSLv3", 0, 0, 0, 0, SSL3, 0);
        alias("TLSv1", 0, 0, 0, 0, TLS1, 0);
        alias("TLSv1.0", 0, 0, 0, 0, TLS1, 0);
        alias("TLSv1.2", 0, 0, 0, 0, TLS1_2, 0);
        alias("LOW", 0, 0, 0, 0, 0, S_LOW);
        alias("MEDIUM", 0, 0, 0, 0, 0, S_MEDIUM);
        alias("HIGH", 0, 0, 0, 0, 0, S_HIGH);
        alias("FIPS", 0, 0, ~E_NULL, 0, 0, S_FIPS);
        alias("EDH-DSS-DES-CBC3-SHA", K_DHE, A_DSS, E_3DES, M_SHA1, 0, S_HIGH | S_FIPS);
        alias("EDH-RSA-DES-CBC3-SHA", K_DHE, A_RSA, E_3DES, M_SHA1, 0, S_HIGH | S_FIPS);
    }

    private static final class Slot {
        final Entry entry;
        boolean active;

        Slot(Entry entry) {
            this.entry = entry;
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    /** Every suite, inactive, in OpenSSL's default order of preference (ssl_create_cipher_list). */
    CipherRules() {
        for (Entry e : CipherTable.TLS12) {
            slots.add(new Slot(e));
        }
        apply(Op.ADD, new Selector(0, K_ECDHE, A_ECDSA, 0, 0, 0, 0));
        apply(Op.ADD, new Selector(0, K_ECDHE, 0, 0, 0, 0, 0));
        apply(Op.DEL, new Selector(0, K_ECDHE, 0, 0, 0, 0, 0));
        apply(Op.ADD, new Selector(0, 0, 0, E_AESGCM, 0, 0, 0));
        apply(Op.ADD, new Selector(0, 0, 0, E_CHACHA20POLY1305, 0, 0, 0));
        apply(Op.ADD, new Selector(0, 0, 0, E_AES ^ E_AESGCM, 0, 0, 0));
        apply(Op.ADD, Selector.EVERYTHING);
        apply(Op.ORD, new Selector(0, 0, 0, 0, M_MD5, 0, 0));
        apply(Op.ORD, new Selector(0, 0, A_NULL, 0, 0, 0, 0));
        apply(Op.ORD, new Selector(0, K_RSA, 0, 0, 0, 0, 0));
        apply(Op.ORD, new Selector(0, K_PSK, 0, 0, 0, 0, 0));
        apply(Op.ORD, new Selector(0, 0, 0, E_RC4, 0, 0, 0));
        sortByStrength();
        apply(Op.BUMP, new Selector(0, 0, 0, 0, 0, TLS1_2, 0));
        apply(Op.BUMP, new Selector(0, 0, 0, 0, M_AEAD, 0, 0));
        apply(Op.BUMP, new Selector(0, K_DHE | K_ECDHE, 0, 0, 0, 0, 0));
        apply(Op.BUMP, new Selector(0, K_DHE | K_ECDHE, 0, 0, M_AEAD, 0, 0));
        apply(Op.DEL, Selector.EVERYTHING);
    }

    /** ssl_cipher_apply_rule: every list operation is a stable partition of the list. */
    void apply(Op op, Selector selector) {
        applyWhere(op, slot -> selector.matches(slot.entry));
    }

    private void applyWhere(Op op, java.util.function.Predicate<Slot> selected) {
        List<Slot> moved = new ArrayList<>();
        List<Slot> rest = new ArrayList<>();
        for (Slot slot : slots) {
            boolean hit = selected.test(slot) && switch (op) {
                case ADD -> !slot.active;
                case ORD, DEL, BUMP -> slot.active;
                case KILL -> true;
            };
            (hit ? moved : rest).add(slot);
        }
        slots.clear();
        switch (op) {
            case ADD, ORD -> {
                moved.forEach(s -> s.active = true);
                slots.addAll(rest);
                slots.addAll(moved);
            }
            case DEL, BUMP -> {
                if (op == Op.DEL) {
                    moved.forEach(s -> s.active = false);
                }
                slots.addAll(moved);
                slots.addAll(rest);
            }
            case KILL -> slots.addAll(rest);
        }
    }

    /** ssl_cipher_strength_sort ({@code @STRENGTH}): active suites by descending strength, stable. */
    void sortByStrength() {
        int max = slots.stream().filter(s -> s.active).mapToInt(s -> s.entry.suite().strengthBits()).max().orElse(-1);
        for (int bits = max; bits >= 0; bits--) {
            final int wanted = bits;
            if (slots.stream().anyMatch(s -> s.active && s.entry.suite().strengthBits() == wanted)) {
                applyWhere(Op.ORD, s -> s.entry.suite().strengthBits() == wanted);
            }
        }
    }

    /** The active suites in order. */
    List<CipherSuite> active() {
        return slots.stream().filter(s -> s.active).map(s -> s.entry.suite()).toList();
    }
}
