package io.tlsconnector.vars;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The {@code SSL_CLIENT_*} / {@code SSL_SERVER_*} variables of one certificate, formatted as
 * mod_ssl's ssl_engine_vars.c formats them.
 */
final class CertificateVariables {
    private static final String MS_UPN = "1.3.6.1.4.1.311.20.2.3";
    private static final String DNS_SRV = "1.3.6.1.5.5.7.8.7";
    /** OpenSSL long names (OBJ_nid2ln) of signature and public-key algorithms. */
    private static final Map<String, String> ALGORITHMS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
            Map.entry("1.2.840.113549.1.1.2", "md2WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
            Map.entry("1.2.840.10045.2.1", "id-ecPublicKey"),
            Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.3.101.110", "X25519"),
            Map.entry("1.3.101.111", "X448"),
            Map.entry("1.3.101.112", "ED25519"),
            Map.entry("1.3.101.113", "ED448"),
            Map.entry("1.2.840.10040.4.1", "dsaEncryption"),
            Map.entry("1.2.840.10040.4.3", "dsaWithSHA1"),
            Map.entry("2.16.840.1.101.3.4.3.1", "dsa_with_SHA224"),
            Map.entry("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"),
            Map.entry("1.2.840.113549.1.3.1", "dhKeyAgreement"));

    private final X509Certificate certificate;
    private final Certificate asn1;

    CertificateVariables(X509Certificate certificate) {
        this.certificate = certificate;
        try {
            this.asn1 = Certificate.getInstance(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    /** {@code M_VERSION}: the X.509 version, {@code 3} for v3. */
    String version() {
        return Integer.toString(asn1.getVersionNumber());
    }

    /** {@code M_SERIAL}: i2a_ASN1_INTEGER, upper-case hex, two digits per byte, {@code -} when negative. */
    String serial() {
        return serialHex(asn1.getSerialNumber().getValue());
    }

    static String serialHex(BigInteger serial) {
        byte[] magnitude = serial.abs().toByteArray();
        int start = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        String hex = HexFormat.of().withUpperCase().formatHex(magnitude, start, magnitude.length);
        return (serial.signum() < 0 ? "-" : "") + hex;
    }

    /** {@code V_START}: ASN1_TIME_print, e.g. {@code Jan  1 00:00:00 2025 GMT}. */
    String validFrom() {
        return time(asn1.getStartDate().getDate().toInstant());
    }

    /** {@code V_END}. */
    String validUntil() {
        return time(asn1.getEndDate().getDate().toInstant());
    }

    /** {@code V_REMAIN}: whole days until notAfter, {@code 0} once expired. */
    String daysRemaining(Instant now) {
        return daysRemaining(notAfter(), now);
    }

    static String daysRemaining(Instant notAfter, Instant now) {
        long seconds = Duration.between(now, notAfter).getSeconds();
        return Long.toString(seconds <= 0 ? 0 : seconds / 86400);
    }

    Instant notAfter() {
        return asn1.getEndDate().getDate().toInstant();
    }

    /** {@code M_VERSION}, {@code M_SERIAL}, {@code V_START}, {@code V_END}, {@code S_DN}, {@code I_DN}, {@code A_KEY}, {@code A_SIG}. */
    void certificateFields(String prefix, boolean legacy, Map<String, String> into) {
        into.put(prefix + "M_VERSION", version());
        into.put(prefix + "M_SERIAL", serial());
        into.put(prefix + "V_START", validFrom());
        into.put(prefix + "V_END", validUntil());
        putIfNotEmpty(into, prefix + "S_DN", subjectDn(legacy));
        putIfNotEmpty(into, prefix + "I_DN", issuerDn(legacy));
        into.put(prefix + "A_KEY", keyAlgorithm());
        into.put(prefix + "A_SIG", signatureAlgorithm());
    }

    /** Puts {@code value} unless it is null or empty: mod_ssl leaves a variable with no value unset. */
    static void putIfNotEmpty(Map<String, String> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(name, value);
        }
    }

    static String time(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %2d %02d:%02d:%02d %d GMT",
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** {@code S_DN}: RFC 2253 form, or the legacy oneline form. */
    String subjectDn(boolean legacy) {
        return legacy ? DnFormat.oneline(asn1.getSubject()) : DnFormat.rfc2253(asn1.getSubject(), Asn1Text.RFC2253_NO_MSB);
    }

    /** {@code I_DN}. */
    String issuerDn(boolean legacy) {
        return legacy ? DnFormat.oneline(asn1.getIssuer()) : DnFormat.rfc2253(asn1.getIssuer(), Asn1Text.RFC2253_NO_MSB);
    }

    /** {@code S_DN_x[_n]} and {@code I_DN_x[_n]} under {@code prefix} (e.g. {@code SSL_CLIENT_}). */
    void dnComponents(String prefix, Map<String, String> into) {
        DnFormat.components(asn1.getSubject(), prefix + "S_DN_", into);
        DnFormat.components(asn1.getIssuer(), prefix + "I_DN_", into);
    }

    /** {@code A_SIG}: OpenSSL's long name of the signature algorithm, {@code UNKNOWN} when it has none. */
    String signatureAlgorithm() {
        return ALGORITHMS.getOrDefault(asn1.getSignatureAlgorithm().getAlgorithm().getId(), "UNKNOWN");
    }

    /** {@code A_KEY}: OpenSSL's long name of the public-key algorithm. */
    String keyAlgorithm() {
        return ALGORITHMS.getOrDefault(asn1.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId(), "UNKNOWN");
    }

    /** {@code CERT}: PEM with 64-column base64 and a final newline. */
    String pem() {
        return pem(certificate);
    }

    static String pem(X509Certificate certificate) {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    /** {@code CERT_RFC4523_CEA}: {@code { serialNumber <decimal>, issuer rdnSequence:"<issuer DN>" }}. */
    String rfc4523Cea() {
        return "{ serialNumber " + asn1.getSerialNumber().getValue() + ", issuer rdnSequence:\""
                + DnFormat.rfc2253(asn1.getIssuer(), Asn1Text.RFC2253) + "\" }";
    }

    /**
     * {@code SAN_Email_n}, {@code SAN_DNS_n} and the otherName entries ({@code OTHER_msUPN_n} for
     * client certificates, {@code OTHER_dnsSRV_n} for server certificates), n counted per type.
     */
    void subjectAltNames(String prefix, boolean client, Map<String, String> into) {
        Extension extension = asn1.getTBSCertificate().getExtensions() == null ? null
                : asn1.getTBSCertificate().getExtensions().getExtension(Extension.subjectAlternativeName);
        if (extension == null) {
            return;
        }
        List<String> emails = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(extension.getParsedValue()).getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.rfc822Name -> emails.add(Asn1Text.print(name.getName(), Asn1Text.COMPONENT));
                case GeneralName.dNSName -> dns.add(Asn1Text.print(name.getName(), Asn1Text.COMPONENT));
                case GeneralName.otherName -> otherName(OtherName.getInstance(name.getName()), client, others);
                default -> { }
            }
        }
        put(into, prefix + "SAN_Email_", emails);
        put(into, prefix + "SAN_DNS_", dns);
        put(into, prefix + (client ? "SAN_OTHER_msUPN_" : "SAN_OTHER_dnsSRV_"), others);
    }

    private static void otherName(OtherName other, boolean client, List<String> into) {
        ASN1ObjectIdentifier type = other.getTypeID();
        ASN1Encodable value = other.getValue();
        if (value instanceof ASN1TaggedObject tagged) {
            value = tagged.getBaseObject();
        }
        if (client && type.getId().equals(MS_UPN) && value instanceof DERUTF8String) {
            into.add(Asn1Text.print(value, Asn1Text.COMPONENT));
        } else if (!client && type.getId().equals(DNS_SRV) && value instanceof DERIA5String) {
            into.add(Asn1Text.print(value, Asn1Text.COMPONENT));
        }
        // mod_ssl exports no other otherName type
    }

    private static void put(Map<String, String> into, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            into.put(prefix + i, values.get(i));
        }
    }
}
