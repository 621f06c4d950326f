package io.tlsconnector.cipher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenSSL 3.0's cipher suites and the bit masks its cipher-string language selects them by
 * ({@code ssl/ssl_local.h}, {@code ssl/s3_lib.c}). The suites come from {@code openssl-ciphers.txt},
 * which lists what a default OpenSSL 3.0 build offers, highest code point first.
 */
final class CipherTable {
    // Key exchange (algorithm_mkey)
    static final int K_RSA = 0x1, K_DHE = 0x2, K_ECDHE = 0x4, K_PSK = 0x8, K_RSAPSK = 0x10, K_ECDHEPSK = 0x20,
            K_DHEPSK = 0x40, K_SRP = 0x80, K_GOST = 0x100, K_GOST18 = 0x200;
    static final int K_ANY_PSK = K_PSK | K_RSAPSK | K_ECDHEPSK | K_DHEPSK;
    // Server authentication (algorithm_auth)
    static final int A_RSA = 0x1, A_DSS = 0x2, A_NULL = 0x4, A_ECDSA = 0x8, A_PSK = 0x10, A_GOST01 = 0x20,
            A_GOST12 = 0x40, A_SRP = 0x80;
    // Symmetric encryption (algorithm_enc)
    static final int E_DES = 0x1, E_3DES = 0x2, E_RC4 = 0x4, E_RC2 = 0x8, E_IDEA = 0x10, E_NULL = 0x20,
            E_AES128 = 0x40, E_AES256 = 0x80, E_CAMELLIA128 = 0x100, E_CAMELLIA256 = 0x200, E_GOST89 = 0x400,
            E_SEED = 0x800, E_AES128GCM = 0x1000, E_AES256GCM = 0x2000, E_AES128CCM = 0x4000,
            E_AES256CCM = 0x8000, E_AES128CCM8 = 0x10000, E_AES256CCM8 = 0x20000, E_GOST89_12 = 0x40000,
            E_CHACHA20POLY1305 = 0x80000, E_ARIA128GCM = 0x100000, E_ARIA256GCM = 0x200000, E_MAGMA = 0x400000,
            E_KUZNYECHIK = 0x800000;
    static final int E_AESGCM = E_AES128GCM | E_AES256GCM;
    static final int E_AESCCM = E_AES128CCM | E_AES256CCM | E_AES128CCM8 | E_AES256CCM8;
    static final int E_AES = E_AES128 | E_AES256 | E_AESGCM | E_AESCCM;
    static final int E_CAMELLIA = E_CAMELLIA128 | E_CAMELLIA256;
    static final int E_ARIA = E_ARIA128GCM | E_ARIA256GCM;
    static final int E_CBC = E_DES | E_3DES | E_RC2 | E_IDEA | E_AES128 | E_AES256 | E_CAMELLIA128 | E_CAMELLIA256 | E_SEED;
    // MAC (algorithm_mac)
    static final int M_MD5 = 0x1, M_SHA1 = 0x2, M_GOST94 = 0x4, M_GOST89MAC = 0x8, M_SHA256 = 0x10, M_SHA384 = 0x20,
            M_AEAD = 0x40, M_GOST12_256 = 0x80, M_GOST89MAC12 = 0x100;
    // Strength (algo_strength)
    static final int S_NONE = 0x1, S_LOW = 0x2, S_MEDIUM = 0x4, S_HIGH = 0x8, S_FIPS = 0x10, S_NOT_DEFAULT = 0x20;
    static final int STRONG_MASK = 0x1F, DEFAULT_MASK = 0x20;
    // Protocol versions (min_tls)
    static final int SSL3 = 0x0300, TLS1 = 0x0301, TLS1_2 = 0x0303, TLS1_3 = 0x0304;

    /** A suite with the masks the rules match on. */
    record Entry(CipherSuite suite, int mkey, int auth, int enc, int mac, int minTls, int strength) {
    }

    /** TLS &le; 1.2 suites, highest code point first. */
    static final List<Entry> TLS12;
    /** TLS 1.3 suites, OpenSSL's order of preference. */
    static final List<CipherSuite> TLS13 = List.of(
            tls13(0x1302, "TLS_AES_256_GCM_SHA384", "AESGCM(256)", 256, false),
            tls13(0x1303, "TLS_CHACHA20_POLY1305_SHA256", "CHACHA20/POLY1305(256)", 256, false),
            tls13(0x1301, "TLS_AES_128_GCM_SHA256", "AESGCM(128)", 128, false),
            tls13(0x1304, "TLS_AES_128_CCM_SHA256", "AESCCM(128)", 128, true),
            tls13(0x1305, "TLS_AES_128_CCM_8_SHA256", "AESCCM8(128)", 128, true));

    /**
     * The 3DES suites: OpenSSL 3.0 builds them only with {@code enable-weak-ssl-ciphers}, so no cipher string
     * selects them here, but older JSSE configurations may still negotiate them and {@code SSL_CIPHER}
     * names them. OpenSSL counts 112 bits of strength for 168 bits of key.
     */
    static final List<CipherSuite> LEGACY = List.of(
            legacy3Des(0xC012, "ECDHE-RSA-DES-CBC3-SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "TLSv1", "ECDH", "RSA"),
            legacy3Des(0xC008, "ECDHE-ECDSA-DES-CBC3-SHA", "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "TLSv1", "ECDH", "ECDSA"),
            legacy3Des(0x000A, "DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "SSLv3", "RSA", "RSA"));

    private static final Map<String, Entry> BY_NAME = new HashMap<>();
    private static final Map<String, Entry> BY_IANA = new HashMap<>();
    private static final Map<Integer, String> NAME_BY_ID = new HashMap<>();

    static {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = CipherTable.class.getResourceAsStream("openssl-ciphers.txt")) {
            if (in == null) {
                throw new IllegalStateException("openssl-ciphers.txt is missing from the connector-api jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(entry(line.trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TLS12 = List.copyOf(entries);
        for (Entry e : TLS12) {
            BY_NAME.put(e.suite().openSslName(), e);
            BY_IANA.put(e.suite().ianaName(), e);
            NAME_BY_ID.put(e.suite().id(), e.suite().ianaName());
        }
        TLS13.forEach(s -> NAME_BY_ID.put(s.id(), s.ianaName()));
        NAME_BY_ID.put(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        NAME_BY_ID.put(0x5600, "TLS_FALLBACK_SCSV");
    }

    private CipherTable() {
    }

    static Entry byOpenSslName(String name) {
        return BY_NAME.get(name);
    }

    static Entry byIanaName(String name) {
        return BY_IANA.get(name);
    }

    static CipherSuite tls13ByName(String name) {
        return TLS13.stream().filter(s -> s.ianaName().equals(name)).findFirst().orElse(null);
    }

    /** The IANA name of a code point a client offered, or {@code 0xC0FF} style hex when unknown. */
    static String nameOf(int id) {
        String name = NAME_BY_ID.get(id);
        return name != null ? name : String.format("0x%04X", id);
    }

    private static CipherSuite tls13(int id, String name, String enc, int bits, boolean notDefault) {
        return new CipherSuite(id, name, name, "TLSv1.3", "any", "any", enc, "AEAD", bits, "HIGH", false, notDefault);
    }

    private static CipherSuite legacy3Des(int id, String openSslName, String ianaName, String version, String kx, String au) {
        return new CipherSuite(id, openSslName, ianaName, version, kx, au, "3DES(168)", "SHA1", 112, "MEDIUM", false, false);
    }

    private static Entry entry(String[] f) {
        int id = Integer.parseInt(f[0].substring(2), 16);
        Set<String> flags = Set.of(f[8].split(","));
        String enc = f[6];
        int bits = enc.equals("None") ? 0 : Integer.parseInt(enc.substring(enc.indexOf('(') + 1, enc.indexOf(')')));
        String strengthClass = flags.contains("HIGH") ? "HIGH" : flags.contains("MEDIUM") ? "MEDIUM"
                : flags.contains("LOW") ? "LOW" : "NONE";
        CipherSuite suite = new CipherSuite(id, f[1], f[2], f[3], f[4], f[5], enc, f[7], bits, strengthClass,
                flags.contains("FIPS"), flags.contains("NOT_DEFAULT"));
        int strength = switch (strengthClass) {
            case "HIGH" -> S_HIGH;
            case "MEDIUM" -> S_MEDIUM;
            case "LOW" -> S_LOW;
            default -> S_NONE;
        } | (suite.fips() ? S_FIPS : 0) | (suite.notDefault() ? S_NOT_DEFAULT : 0);
        return new Entry(suite, mkey(f[4]), auth(f[5]), enc(enc), mac(f[7]), version(f[3]), strength);
    }

    private static int mkey(String kx) {
        return switch (kx) {
            case "RSA" -> K_RSA;
            case "DH" -> K_DHE;
            case "ECDH" -> K_ECDHE;
            case "PSK" -> K_PSK;
            case "RSAPSK" -> K_RSAPSK;
            case "ECDHEPSK" -> K_ECDHEPSK;
            case "DHEPSK" -> K_DHEPSK;
            case "SRP" -> K_SRP;
            default -> throw new IllegalStateException("unknown key exchange " + kx);
        };
    }

    private static int auth(String au) {
        return switch (au) {
            case "RSA" -> A_RSA;
            case "DSS" -> A_DSS;
            case "None" -> A_NULL;
            case "ECDSA" -> A_ECDSA;
            case "PSK" -> A_PSK;
            case "SRP" -> A_SRP;
            default -> throw new IllegalStateException("unknown authentication " + au);
        };
    }

    private static int enc(String enc) {
        return switch (enc) {
            case "None" -> E_NULL;
            case "AES(128)" -> E_AES128;
            case "AES(256)" -> E_AES256;
            case "AESGCM(128)" -> E_AES128GCM;
            case "AESGCM(256)" -> E_AES256GCM;
            case "AESCCM(128)" -> E_AES128CCM;
            case "AESCCM(256)" -> E_AES256CCM;
            case "AESCCM8(128)" -> E_AES128CCM8;
            case "AESCCM8(256)" -> E_AES256CCM8;
            case "Camellia(128)" -> E_CAMELLIA128;
            case "Camellia(256)" -> E_CAMELLIA256;
            case "ARIAGCM(128)" -> E_ARIA128GCM;
            case "ARIAGCM(256)" -> E_ARIA256GCM;
            case "CHACHA20/POLY1305(256)" -> E_CHACHA20POLY1305;
            default -> throw new IllegalStateException("unknown encryption " + enc);
        };
    }

    private static int mac(String mac) {
        return switch (mac) {
            case "MD5" -> M_MD5;
            case "SHA1" -> M_SHA1;
            case "SHA256" -> M_SHA256;
            case "SHA384" -> M_SHA384;
            case "AEAD" -> M_AEAD;
            default -> throw new IllegalStateException("unknown MAC " + mac);
        };
    }

    private static int version(String v) {
        return switch (v) {
            case "SSLv3" -> SSL3;
            case "TLSv1" -> TLS1;
            case "TLSv1.2" -> TLS1_2;
            default -> throw new IllegalStateException("unknown protocol " + v);
        };
    }
}
