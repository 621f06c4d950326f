package io.tlsconnector.expression;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERVisibleString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link SslExpression}'s functions and operators compute, as httpd's ap_expr and mod_ssl do:
 * {@code file()}, {@code PeerExtList()}, {@code -ipmatch} and the glob operators.
 */
final class ExpressionFunctions {
    private static final Logger log = LoggerFactory.getLogger(ExpressionFunctions.class);
    /** ap_expr's file() refuses larger files. */
    static final long MAX_FILE_SIZE = 10L * 1024 * 1024;
    private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV4_PART = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){0,3}");
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    /** OpenSSL's names for the extensions rendered here (OBJ_txt2obj accepts short and long names). */
    private static final Map<String, String> NAMES = Map.of("basicConstraints", BASIC_CONSTRAINTS,
            "X509v3 Basic Constraints", BASIC_CONSTRAINTS, "nsComment", "2.16.840.1.113730.1.13",
            "Netscape Comment", "2.16.840.1.113730.1.13");
    /** Netscape extensions OpenSSL prints as their IA5String: nsBaseUrl ... nsComment. */
    private static final List<String> NETSCAPE_STRINGS = List.of("2", "3", "4", "7", "8", "12", "13").stream()
            .map(n -> "2.16.840.1.113730.1." + n).toList();
    /** Arcs OpenSSL has its own printers for; of those, only basic constraints and the Netscape strings are rendered here. */
    private static final List<String> OPENSSL_PRINTED = List.of("2.5.29.", "1.3.6.1.5.5.7.1.", "1.3.6.1.5.5.7.48.1.",
            "1.3.6.1.4.1.11129.2.4.", "2.16.840.1.113730.1.");

    private ExpressionFunctions() {
    }

    /** ap_expr's {@code file()}: the whole file as a string; a file that cannot be read makes the evaluation fail. */
    static String file(String name) {
        long size;
        byte[] content;
        try {
            Path path = Path.of(name);
            size = Files.size(path);
            content = size > MAX_FILE_SIZE ? null : Files.readAllBytes(path);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalStateException("cannot read file " + name + " (" + e + ")");
        }
        if (content == null) {
            throw new IllegalStateException("file " + name + " is larger than " + MAX_FILE_SIZE + " bytes");
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The OID {@code PeerExtList(name)} means: a dotted OID or one of OpenSSL's names for an extension rendered
     * here; {@code null} when it is neither.
     */
    static String oid(String name) {
        return DOTTED_OID.matcher(name).matches() ? name : NAMES.get(name);
    }

    /**
     * Why mod_ssl's rendering of extension {@code oid} is not reproduced here, or {@code null} when it is: OpenSSL
     * prints its own extensions (key usage, SANs...) in its text form.
     */
    static String unsupported(String oid) {
        if (oid.equals(BASIC_CONSTRAINTS) || NETSCAPE_STRINGS.contains(oid)) {
            return null;
        }
        for (String arc : OPENSSL_PRINTED) {
            if (oid.startsWith(arc)) {
                return "extension " + oid + " is one OpenSSL prints in its own text form, which is not reproduced here;"
                        + " PeerExtList supports basicConstraints, the Netscape string extensions and any other extension"
                        + " whose value is a UTF8String, IA5String, VisibleString or BMPString";
            }
        }
        return null;
    }

    /**
     * mod_ssl's {@code PeerExtList(oid)}: the client certificate's values of that extension as strings. An extension
     * OpenSSL does not know is decoded as DisplayText (UTF8String, IA5String, VisibleString, BMPString); any other
     * value (an INTEGER, a SEQUENCE...) gives no entry, as in mod_ssl.
     */
    static List<String> peerExtList(X509Certificate client, String name) {
        String oid = oid(name);
        if (client == null || oid == null) {
            return List.of();
        }
        String why = unsupported(oid);
        if (why != null) {
            throw new IllegalStateException("PeerExtList(\"" + name + "\"): " + why);
        }
        byte[] wrapped = client.getExtensionValue(oid);
        if (wrapped == null) {
            return List.of();
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
            String text = oid.equals(BASIC_CONSTRAINTS) ? basicConstraints(value) : displayText(value);
            if (text == null) {
                log.debug("The client certificate has extension {}, but its value is not a string", oid);
                return List.of();
            }
            return List.of(text);
        } catch (IOException | IllegalArgumentException e) {
            log.debug("The client certificate's extension {} cannot be decoded: {}", oid, e.toString());
            return List.of();
        }
    }

    private static String displayText(ASN1Primitive value) {
        if (value instanceof DERUTF8String || value instanceof DERIA5String || value instanceof DERVisibleString
                || value instanceof DERBMPString) {
            return ((ASN1String) value).getString();
        }
        return null;
    }

    /** As OpenSSL prints basicConstraints: {@code CA:TRUE, pathlen:0} or {@code CA:FALSE}. */
    private static String basicConstraints(ASN1Primitive value) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(value);
        boolean ca = false;
        BigInteger pathLen = null;
        for (ASN1Encodable element : sequence) {
            if (element instanceof ASN1Boolean b) {
                ca = b.isTrue();
            } else if (element instanceof ASN1Integer i) {
                pathLen = i.getValue();
            }
        }
        return "CA:" + (ca ? "TRUE" : "FALSE") + (pathLen != null ? ", pathlen:" + pathLen : "");
    }

    /** An IP subnet as httpd's {@code -ipmatch} takes it: {@code 192.0.2.0/24}, {@code 2001:db8::/32}, {@code 10.1}, {@code 10.0.0.0/255.0.0.0}. */
    record Subnet(byte[] network, byte[] mask) {
        /** @throws IllegalArgumentException saying what is wrong */
        static Subnet parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            String maskText = slash < 0 ? null : text.substring(slash + 1);
            byte[] network;
            int bits;
            if (address.contains(":")) {
                network = literal(address);
                if (network == null || network.length != 16) {
                    throw new IllegalArgumentException("'" + address + "' is not an IPv6 address");
                }
                bits = 128;
            } else if (IPV4_PART.matcher(address).matches()) {
                String[] parts = address.split("\\.");
                network = new byte[4];
                for (int i = 0; i < parts.length; i++) {
                    network[i] = (byte) Integer.parseInt(parts[i]);
                }
                bits = parts.length * 8;
            } else {
                throw new IllegalArgumentException("'" + address + "' is not an IP address or network");
            }
            byte[] mask;
            if (maskText == null) {
                mask = prefix(network.length, bits);
            } else if (maskText.matches("\\d{1,3}") && Integer.parseInt(maskText) <= network.length * 8) {
                mask = prefix(network.length, Integer.parseInt(maskText));
            } else if (network.length == 4 && IPV4.matcher(maskText).matches()) {
                mask = literal(maskText);
            } else {
                throw new IllegalArgumentException("'" + maskText + "' is neither a prefix length (0-" + network.length * 8
                        + ") nor a netmask");
            }
            for (int i = 0; i < network.length; i++) {
                if ((network[i] & ~mask[i]) != 0) {
                    throw new IllegalArgumentException("'" + text + "' has bits set outside its mask");
                }
            }
            return new Subnet(network, mask);
        }

        /**
         * Whether {@code address} lies in the subnet: an IP literal (an IPv4-mapped IPv6 address counts as IPv4) or, as
         * httpd resolves it, a host name (its first address); false when it is neither.
         */
        boolean contains(String address) {
            byte[] ip = literal(address);
            if (ip == null && !address.isBlank() && !address.contains(":")) {
                try {
                    ip = InetAddress.getByName(address).getAddress();
                } catch (UnknownHostException | SecurityException e) {
                    return false;
                }
            }
            if (ip == null || ip.length != network.length) {
                return false;
            }
            for (int i = 0; i < ip.length; i++) {
                if ((ip[i] & mask[i]) != network[i]) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] prefix(int length, int bits) {
            byte[] mask = new byte[length];
            for (int i = 0; i < bits; i++) {
                mask[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
            return mask;
        }

        /** The bytes of an IP literal (never a DNS look-up), IPv4-mapped IPv6 as 4 bytes; {@code null} if it is none. */
        private static byte[] literal(String address) {
            String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
            if (!bare.contains(":") && !IPV4.matcher(bare).matches()) {
                return null;
            }
            if (bare.contains(":") && !bare.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                return InetAddress.getByName(bare).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }

    /**
     * apr_fnmatch as ap_expr's {@code -strmatch} ({@code pathname} false) and {@code -fnmatch} (true) use it:
     * {@code *} any characters, {@code ?} one, {@code [a-z]} / {@code [!a-z]} a set, {@code \} escapes; with
     * {@code pathname}, none of them matches '/'.
     */
    static Pattern glob(String pattern, boolean caseBlind, boolean pathname) {
        String any = pathname ? "[^/]" : ".";
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(any).append('*');
                case '?' -> regex.append(any);
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    } else {
                        regex.append("\\\\");
                    }
                }
                case '[' -> {
                    int end = setEnd(pattern, i);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append(set(pattern.substring(i + 1, end), pathname));
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (caseBlind ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    private static int setEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        return pattern.indexOf(']', i);
    }

    private static String set(String body, boolean pathname) {
        StringBuilder out = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            out.append('^');
            i = 1;
        }
        int start = i;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > start && i + 1 < body.length()) {
                out.append('-');
            } else {
                out.append(c == '\\' || c == '[' || c == ']' || c == '^' || c == '&' || c == '-' ? "\\" + c : String.valueOf(c));
            }
        }
        if (pathname) {
            out.append("&&[^/]");
        }
        return out.append(']').toString();
    }
}
