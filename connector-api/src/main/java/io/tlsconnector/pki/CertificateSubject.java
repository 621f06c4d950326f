package io.tlsconnector.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The names a CSR or certificate carries (F15): a subject in OpenSSL's {@code -subj} form
 * ({@code /C=DE/O=Example/CN=www.example.test}) and/or a common name, and subjectAltName entries
 * ({@code DNS:www.example.test}, {@code IP:127.0.0.1}, {@code email:...}, {@code URI:...}; a bare
 * name is a DNS name or an IP address).
 *
 * <p>Clients check the subjectAltName, not the CN; so when no SAN is given and the CN is a host
 * name or address, the CN becomes the only SAN entry.
 *
 * @param commonName      the CN, or {@code null} when {@code subject} holds it
 * @param subject         the rest of the subject in {@code /KEY=value/...} form, or {@code null}
 * @param subjectAltNames SAN entries; may be empty
 */
public record CertificateSubject(String commonName, String subject, List<String> subjectAltNames) {
    private static final Pattern HOST_OR_IP = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9a-fA-F:.]+");

    public CertificateSubject {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
        if ((commonName == null || commonName.isBlank()) && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("a certificate subject needs a common name (--cn) or a subject (--subject \"/CN=...\")");
        }
        x500Name(commonName, subject); // fails early on a malformed subject
        subjectAltNames.forEach(CertificateSubject::generalName);
    }

    /** A CN with SAN entries; the CN alone becomes the SAN when none are given. */
    public static CertificateSubject of(String commonName, String... subjectAltNames) {
        return new CertificateSubject(commonName, null, List.of(subjectAltNames));
    }

    /** @param subjectAltNames comma-separated, as {@code --san DNS:a,DNS:b,IP:127.0.0.1} */
    public static List<String> parseSubjectAltNames(String subjectAltNames) {
        List<String> names = new ArrayList<>();
        if (subjectAltNames != null) {
            for (String name : subjectAltNames.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    X500Name x500Name() {
        return x500Name(commonName, subject);
    }

    /** The SAN extension value, or {@code null} when there is nothing to put in it. */
    GeneralNames generalNames() {
        List<String> names = subjectAltNames;
        if (names.isEmpty() && commonName != null && HOST_OR_IP.matcher(commonName).matches() && commonName.contains(".")
                || names.isEmpty() && "localhost".equalsIgnoreCase(commonName)) {
            names = List.of(commonName);
        }
        if (names.isEmpty()) {
            return null;
        }
        return new GeneralNames(names.stream().map(CertificateSubject::generalName).toArray(GeneralName[]::new));
    }

    private static X500Name x500Name(String commonName, String subject) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        boolean hasCn = false;
        if (subject != null && !subject.isBlank()) {
            String text = subject.strip();
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException("subject '" + subject + "' must be in OpenSSL's form /C=DE/O=Example/CN=name");
            }
            for (String part : splitUnescaped(text.substring(1), '/')) {
                if (part.isEmpty()) {
                    continue;
                }
                int equals = part.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("subject part '" + part + "' is not KEY=value; write e.g. /O=Example");
                }
                String key = part.substring(0, equals).strip();
                ASN1ObjectIdentifier oid;
                try {
                    oid = BCStyle.INSTANCE.attrNameToOID(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("subject attribute '" + key + "' is unknown; use C, ST, L, O, OU, CN or emailAddress");
                }
                hasCn |= oid.equals(BCStyle.CN);
                builder.addRDN(oid, part.substring(equals + 1).replace("\\/", "/"));
            }
        }
        if (commonName != null && !commonName.isBlank()) {
            if (hasCn) {
                throw new IllegalArgumentException("the common name is given twice (--cn and CN= in the subject); give it once");
            }
            builder.addRDN(BCStyle.CN, commonName);
        }
        return builder.build();
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == separator) {
                part.append("\\").append(separator);
                i++;
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    static GeneralName generalName(String entry) {
        int colon = entry.indexOf(':');
        String kind = colon > 0 ? entry.substring(0, colon).toUpperCase(Locale.ROOT) : "";
        String value = colon > 0 ? entry.substring(colon + 1) : entry;
        switch (kind) {
            case "DNS":
                return new GeneralName(GeneralName.dNSName, value);
            case "IP":
                return ipAddress(entry, value);
            case "EMAIL":
                return new GeneralName(GeneralName.rfc822Name, value);
            case "URI":
                return new GeneralName(GeneralName.uniformResourceIdentifier, value);
            default:
                if (value.matches("[0-9.]+") || value.contains(":")) {
                    return ipAddress(entry, entry);
                }
                if (HOST_OR_IP.matcher(entry).matches()) {
                    return new GeneralName(GeneralName.dNSName, entry);
                }
                throw new IllegalArgumentException("subjectAltName '" + entry
                        + "' is not understood; write DNS:name, IP:address, email:address or URI:uri");
        }
    }

    private static GeneralName ipAddress(String entry, String value) {
        try {
            return new GeneralName(GeneralName.iPAddress, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subjectAltName '" + entry + "' is not an IP address; write IP:192.0.2.1 or IP:2001:db8::1");
        }
    }
}
