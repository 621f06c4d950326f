package io.tlsconnector.cipher;

import java.util.ArrayList;
import java.util.List;

import io.tlsconnector.TlsConfigException;

/**
 * Turns a virtual host's cipher settings (mod_ssl's {@code SSLCipherSuite} for TLS &le; 1.2 and
 * {@code SSLCipherSuite TLSv1.3}) into the suites it enables, in preference order, and reports what is
 * wrong with them. As mod_ssl does ({@code :!aNULL:!eNULL:!EXP}), anonymous and unencrypted suites that
 * an alias such as {@code ALL} brings along are dropped; naming them explicitly is an error unless
 * the host allows insecure ciphers (F28).
 */
public final class CipherPolicy {
    private CipherPolicy() {
    }

    /**
     * The resolved cipher settings of one host.
     *
     * @param tls13   TLS 1.3 suites, IANA names, in preference order
     * @param tls12   TLS &le; 1.2 suites, IANA names, in preference order (the OpenSSL expansion after the policy)
     * @param dropped anonymous or unencrypted suites the policy removed from the expansion
     */
    public record Resolved(List<String> tls13, List<String> tls12, List<String> dropped) {
        public Resolved {
            tls13 = List.copyOf(tls13);
            tls12 = List.copyOf(tls12);
            dropped = List.copyOf(dropped);
        }

        /** TLS 1.3 suites first, then TLS &le; 1.2, as OpenSSL lists them. */
        public List<String> all() {
            List<String> all = new ArrayList<>(tls13);
            all.addAll(tls12);
            return List.copyOf(all);
        }
    }

    /**
     * @param host          the server name, for messages
     * @param spec          the OpenSSL cipher string, or {@code null} for OpenSSL's {@code DEFAULT}
     * @param tls13Spec     the TLS 1.3 suite list, or {@code null} for TLS 1.3 names found in {@code spec},
     *                      else OpenSSL's default
     * @param allowInsecure whether anonymous, unencrypted and export suites may be enabled
     * @return {@code null} when a problem was added
     */
    public static Resolved resolve(String host, String spec, String tls13Spec, boolean allowInsecure,
                                   TlsConfigException.Collector problems) {
        int before = problems.problems().size();
        CipherString parsed = null;
        try {
            parsed = CipherString.parse(spec == null ? "DEFAULT" : spec);
        } catch (IllegalArgumentException e) {
            problems.add(host, "cipherSuite", e.getMessage() + ".",
                    "write OpenSSL cipher-string syntax, e.g. \"HIGH:!aNULL:!MD5\" or \"ECDHE+AESGCM:ECDHE+CHACHA20\".");
        }
        List<String> tls13 = new ArrayList<>();
        try {
            String tls13Words = tls13Spec != null ? tls13Spec
                    : parsed != null && !parsed.tls13Names().isEmpty() ? String.join(":", parsed.tls13Names())
                    : CipherString.TLS13_DEFAULT;
            CipherString.parseTls13(tls13Words).forEach(s -> tls13.add(s.ianaName()));
        } catch (IllegalArgumentException e) {
            problems.add(host, "cipherSuite(\"TLSv1.3\", ...)", e.getMessage() + ".",
                    "list TLS 1.3 suites by IANA name, e.g. \"" + CipherString.TLS13_DEFAULT + "\".");
        }
        if (parsed == null) {
            return null;
        }
        for (String word : parsed.unknownWords()) {
            problems.add(host, "cipherSuite", unknown(word, parsed.spec()), "check the spelling (names are case-sensitive, "
                    + "as in OpenSSL); `tlsctl ciphers -v ALL:COMPLEMENTOFALL` lists every suite by OpenSSL and IANA name.");
        }
        if (!parsed.insecureRequests().isEmpty() && !allowInsecure) {
            problems.add(host, "cipherSuite", "\"" + parsed.spec() + "\" asks for " + String.join(", ", parsed.insecureRequests())
                    + ": anonymous (aNULL) suites let anyone in the middle pose as the server, eNULL suites send "
                    + "everything unencrypted, and EXPORT suites use keys broken in minutes (F28).",
                    "remove them from the cipher string, or call allowInsecureCiphers() on the virtual host if a client truly needs them.");
        }
        List<String> tls12 = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (CipherSuite suite : parsed.suites()) {
            boolean insecure = suite.isAnonymous() || suite.isNullEncryption();
            (insecure && !allowInsecure ? dropped : tls12).add(suite.ianaName());
        }
        if (tls12.isEmpty() && parsed.tls13Names().isEmpty() && problems.problems().size() == before) {
            problems.add(host, "cipherSuite", "\"" + parsed.spec() + "\" selects no TLS 1.2 cipher suite"
                            + (dropped.isEmpty() ? "" : " once anonymous and unencrypted ones are left out")
                            + " (OpenSSL would say \"no cipher match\").",
                    "name suites or aliases that exist, e.g. \"ECDHE+AESGCM\"; `tlsctl ciphers -v 'STRING'` shows an expansion.");
        }
        return problems.problems().size() == before ? new Resolved(tls13, tls12, dropped) : null;
    }

    private static String unknown(String word, String spec) {
        if (word.equals("DEFAULT") || word.startsWith("SUITEB")) {
            return "'" + word + "' in \"" + spec + "\" only has a meaning at the start of the cipher string; "
                    + "elsewhere OpenSSL skips it silently.";
        }
        if (word.startsWith("TLS_") || word.startsWith("SSL_")) {
            return "'" + word + "' in \"" + spec + "\" is not a TLS 1.2 cipher suite OpenSSL 3.0 offers "
                    + "(3DES, RC4, IDEA, SEED and static-DH suites are gone).";
        }
        return "'" + word + "' in \"" + spec + "\" is neither an OpenSSL cipher name, an IANA suite name nor an "
                + "alias such as HIGH or aRSA; OpenSSL would skip it silently.";
    }
}
