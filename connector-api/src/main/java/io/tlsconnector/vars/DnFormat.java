package io.tlsconnector.vars;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names as mod_ssl prints them: the full {@code *_S_DN}/{@code *_I_DN} strings in
 * RFC 2253 form (OpenSSL's {@code X509_NAME_print_ex}) or the legacy {@code X509_NAME_oneline} form,
 * and the {@code *_DN_<x>[_n]} component variables. Works on the encoded name, so order, string
 * types and multi-valued RDNs are exactly as in the certificate.
 */
final class DnFormat {
    /** OpenSSL's short names (OBJ_nid2sn) of the attribute types it knows. */
    private static final Map<String, String> SHORT_NAMES = new HashMap<>();
    /** mod_ssl's component tags (ssl_var_lookup_ssl_cert_dn_rec) exported by StdEnvVars. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        String[][] names = {
            {"2.5.4.3", "CN"}, {"2.5.4.4", "SN"}, {"2.5.4.5", "serialNumber"}, {"2.5.4.6", "C"}, {"2.5.4.7", "L"},
            {"2.5.4.8", "ST"}, {"2.5.4.9", "street"}, {"2.5.4.10", "O"}, {"2.5.4.11", "OU"}, {"2.5.4.12", "title"},
            {"2.5.4.13", "description"}, {"2.5.4.14", "searchGuide"}, {"2.5.4.15", "businessCategory"},
            {"2.5.4.16", "postalAddress"}, {"2.5.4.17", "postalCode"}, {"2.5.4.18", "postOfficeBox"},
            {"2.5.4.19", "physicalDeliveryOfficeName"}, {"2.5.4.20", "telephoneNumber"}, {"2.5.4.21", "telexNumber"},
            {"2.5.4.22", "teletexTerminalIdentifier"}, {"2.5.4.23", "facsimileTelephoneNumber"}, {"2.5.4.24", "x121Address"},
            {"2.5.4.25", "internationaliSDNNumber"}, {"2.5.4.26", "registeredAddress"}, {"2.5.4.27", "destinationIndicator"},
            {"2.5.4.28", "preferredDeliveryMethod"}, {"2.5.4.29", "presentationAddress"},
            {"2.5.4.30", "supportedApplicationContext"}, {"2.5.4.31", "member"}, {"2.5.4.32", "owner"},
            {"2.5.4.33", "roleOccupant"}, {"2.5.4.34", "seeAlso"}, {"2.5.4.35", "userPassword"},
            {"2.5.4.41", "name"}, {"2.5.4.42", "GN"}, {"2.5.4.43", "initials"}, {"2.5.4.44", "generationQualifier"},
            {"2.5.4.45", "x500UniqueIdentifier"}, {"2.5.4.46", "dnQualifier"}, {"2.5.4.47", "enhancedSearchGuide"},
            {"2.5.4.48", "protocolInformation"}, {"2.5.4.49", "distinguishedName"}, {"2.5.4.50", "uniqueMember"},
            {"2.5.4.51", "houseIdentifier"}, {"2.5.4.65", "pseudonym"}, {"2.5.4.72", "role"},
            {"2.5.4.97", "organizationIdentifier"}, {"2.5.4.98", "c3"}, {"2.5.4.99", "n3"}, {"2.5.4.100", "dnsName"},
            {"1.2.840.113549.1.9.1", "emailAddress"}, {"1.2.840.113549.1.9.2", "unstructuredName"},
            {"1.2.840.113549.1.9.7", "challengePassword"}, {"1.2.840.113549.1.9.8", "unstructuredAddress"},
            {"0.9.2342.19200300.100.1.1", "UID"}, {"0.9.2342.19200300.100.1.3", "mail"},
            {"0.9.2342.19200300.100.1.25", "DC"},
            {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"}, {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
            {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
        };
        for (String[] n : names) {
            SHORT_NAMES.put(n[0], n[1]);
        }
        String[][] components = {
            {"C", "2.5.4.6"}, {"ST", "2.5.4.8"}, {"L", "2.5.4.7"}, {"O", "2.5.4.10"}, {"OU", "2.5.4.11"},
            {"CN", "2.5.4.3"}, {"T", "2.5.4.12"}, {"I", "2.5.4.43"}, {"G", "2.5.4.42"}, {"S", "2.5.4.4"},
            {"D", "2.5.4.13"}, {"UID", "0.9.2342.19200300.100.1.1"}, {"Email", "1.2.840.113549.1.9.1"},
            // not in the 2.4.62 sources, but exported by the 2.4.71 httpd the differential test runs
            {"SerialNumber", "2.5.4.5"},
        };
        for (String[] c : components) {
            COMPONENTS.put(c[1], c[0]);
        }
    }

    private DnFormat() {
    }

    /** One attribute of a name, with the index of the RDN (SET) it belongs to. */
    private record Entry(ASN1ObjectIdentifier type, ASN1Encodable value, int set) {
    }

    private static List<Entry> entries(X500Name name) {
        List<Entry> entries = new ArrayList<>();
        RDN[] rdns = name.getRDNs();
        for (int set = 0; set < rdns.length; set++) {
            for (AttributeTypeAndValue atv : rdns[set].getTypesAndValues()) {
                entries.add(new Entry(atv.getType(), atv.getValue(), set));
            }
        }
        return entries;
    }

    /**
     * X509_NAME_print_ex with XN_FLAG_RFC2253 (and {@code stringFlags} for the values): entries in
     * reverse order, {@code ,} between RDNs, {@code +} inside one; unknown types as dotted OIDs with
     * a {@code #hex} value.
     */
    static String rfc2253(X500Name name, int stringFlags) {
        List<Entry> entries = entries(name);
        StringBuilder out = new StringBuilder();
        int previousSet = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (previousSet != -1) {
                out.append(previousSet == e.set() ? '+' : ',');
            }
            previousSet = e.set();
            String shortName = SHORT_NAMES.get(e.type().getId());
            out.append(shortName == null ? e.type().getId() : shortName).append('=');
            out.append(Asn1Text.print(e.value(), shortName == null ? stringFlags | Asn1Text.DUMP_ALL : stringFlags));
        }
        return out.toString();
    }

    /**
     * X509_NAME_oneline (mod_ssl's LegacyDNStringFormat and FakeBasicAuth user names): entries in
     * encoding order, {@code /} between RDNs, {@code +} inside one; the raw value bytes with
     * {@code \xHH} for bytes outside printable ASCII and {@code \/}, {@code \+}.
     */
    static String oneline(X500Name name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previousSet = -1;
        for (Entry e : entries(name)) {
            out.write(previousSet == e.set() ? '+' : '/');
            previousSet = e.set();
            String shortName = SHORT_NAMES.get(e.type().getId());
            out.writeBytes((shortName == null ? e.type().getId() : shortName).getBytes(StandardCharsets.US_ASCII));
            out.write('=');
            Asn1Text.Encoded value = Asn1Text.encoded(e.value());
            byte[] q = value.content();
            boolean[] keep = generalStringMask(value.tag(), q);
            for (int j = 0; j < q.length; j++) {
                if (!keep[j & 3]) {
                    continue;
                }
                int n = q[j] & 0xff;
                if (n < ' ' || n > '~') {
                    out.writeBytes(String.format("\\x%02X", n).getBytes(StandardCharsets.US_ASCII));
                } else if (n == '/' || n == '+') {
                    out.write('\\');
                    out.write(n);
                } else {
                    out.write(n);
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** OpenSSL's gs_doit: a GeneralString of 4-byte characters whose high bytes are zero prints only the low byte. */
    private static boolean[] generalStringMask(int tag, byte[] q) {
        boolean[] keep = {true, true, true, true};
        if (tag == 27 && q.length % 4 == 0) {
            boolean[] nonZero = new boolean[4];
            for (int j = 0; j < q.length; j++) {
                if (q[j] != 0) {
                    nonZero[j & 3] = true;
                }
            }
            if (!(nonZero[0] || nonZero[1] || nonZero[2])) {
                keep = new boolean[] {false, false, false, true};
            }
        }
        return keep;
    }

    /**
     * The StdEnvVars component variables of one name ({@code extract_dn}): for each attribute mod_ssl
     * knows, in encoding order, {@code prefix + tag} for the first occurrence and {@code _1},
     * {@code _2}, ... for later ones; each member of a multi-valued RDN counts on its own.
     */
    static void components(X500Name name, String prefix, Map<String, String> into) {
        Map<String, Integer> seen = new HashMap<>();
        for (Entry e : entries(name)) {
            String tag = COMPONENTS.get(e.type().getId());
            if (tag == null) {
                continue;
            }
            int n = seen.merge(tag, 1, Integer::sum) - 1;
            into.put(prefix + tag + (n == 0 ? "" : "_" + n), Asn1Text.print(e.value(), Asn1Text.COMPONENT));
        }
    }
}
