package io.tlsconnector.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;

import io.tlsconnector.TlsException;

/**
 * OpenSSL's subject name hash, the name of the {@code HASH.0} links in a CA directory
 * ({@code SSLCACertificatePath}, {@code openssl rehash}) (F21).
 *
 * <p>{@link #of} equals {@code openssl x509 -hash}: SHA-1 over OpenSSL's canonical encoding of the
 * name, first four bytes read little-endian. The canonical encoding ({@code x509_name_canon} in
 * OpenSSL's {@code x_name.c}) is each RDN's DER SET, concatenated without the outer SEQUENCE; each
 * value of a text type (UTF8, BMP, Universal, Printable, T61, IA5, Visible) becomes a UTF8String
 * with leading and trailing white space removed, inner runs of white space collapsed to one space
 * and ASCII letters lower-cased; other types are kept as they are. {@link #old} equals
 * {@code -subject_hash_old}: MD5 over the name's DER.
 */
public final class SubjectHash {
    private SubjectHash() {
    }

    /** {@code openssl x509 -hash -noout}: 8 lower-case hex digits. */
    public static String of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    /** The hash of a CRL's issuer, the name of its {@code HASH.r0} link. */
    public static String of(X509CRL crl) {
        return of(crl.getIssuerX500Principal());
    }

    public static String of(X500Principal name) {
        return littleEndianHex(digest("SHA-1", canonicalEncoding(name)));
    }

    /** {@code openssl x509 -subject_hash_old -noout} (OpenSSL before 1.0): MD5 of the DER name. */
    public static String old(X509Certificate certificate) {
        return old(certificate.getSubjectX500Principal());
    }

    public static String old(X500Principal name) {
        return littleEndianHex(digest("MD5", name.getEncoded()));
    }

    /** OpenSSL's canonical name encoding, the input of the SHA-1. */
    public static byte[] canonicalEncoding(X500Principal name) {
        ASN1Sequence rdns = ASN1Sequence.getInstance(name.getEncoded());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ASN1Encodable rdn : rdns) {
                ASN1EncodableVector entries = new ASN1EncodableVector();
                for (ASN1Encodable attribute : ASN1Set.getInstance(rdn)) {
                    ASN1Sequence typeAndValue = ASN1Sequence.getInstance(attribute);
                    ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(typeAndValue.getObjectAt(0));
                    entries.add(new DERSequence(new ASN1Encodable[] {type, canonicalValue(typeAndValue.getObjectAt(1))}));
                }
                out.write(new DERSet(entries).getEncoded(ASN1Encoding.DER)); // DER sorts the SET like OpenSSL's i2d
            }
        } catch (IOException e) {
            throw new TlsException("Cannot encode the name " + name + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        ASN1Primitive primitive = value.toASN1Primitive();
        byte[] utf8;
        if (primitive instanceof DERUTF8String s) {
            utf8 = s.getString().getBytes(StandardCharsets.UTF_8);
        } else if (primitive instanceof DERPrintableString || primitive instanceof DERIA5String
                || primitive instanceof DERVisibleString) {
            utf8 = latin1ToUtf8(octets(primitive)); // one byte per character, read as Latin-1 like OpenSSL
        } else if (primitive instanceof DERT61String t61) {
            utf8 = latin1ToUtf8(t61.getOctets()); // OpenSSL reads T61String bytes as Latin-1
        } else if (primitive instanceof DERBMPString) {
            utf8 = codePointsToUtf8(octets(primitive), 2);
        } else if (primitive instanceof DERUniversalString) {
            utf8 = codePointsToUtf8(octets(primitive), 4);
        } else {
            return primitive; // NumericString and non-text types are copied as they are
        }
        return new DERUTF8String(new String(canonicalText(utf8), StandardCharsets.UTF_8));
    }

    private static byte[] octets(ASN1Primitive oneByteString) {
        try {
            byte[] der = oneByteString.getEncoded(ASN1Encoding.DER);
            int offset = 2;
            if ((der[1] & 0x80) != 0) {
                offset += der[1] & 0x7f;
            }
            byte[] content = new byte[der.length - offset];
            System.arraycopy(der, offset, content, 0, content.length);
            return content;
        } catch (IOException e) {
            throw new TlsException("Cannot encode a name value: " + e.getMessage(), e);
        }
    }

    /** UCS-2 or UCS-4, big-endian, to UTF-8; every code unit on its own, as OpenSSL's traverse_string does. */
    private static byte[] codePointsToUtf8(byte[] ucs, int width) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + width <= ucs.length; i += width) {
            int codePoint = 0;
            for (int j = 0; j < width; j++) {
                codePoint = codePoint << 8 | (ucs[i + j] & 0xff);
            }
            if (!Character.isValidCodePoint(codePoint)) {
                throw new TlsException("A UniversalString in the name holds the invalid character U+"
                        + Integer.toHexString(codePoint) + "; OpenSSL cannot hash this name either.");
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1ToUtf8(byte[] latin1) {
        return new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code asn1_string_canon}: trims, collapses white space runs, lower-cases ASCII; bytes >= 0x80 pass through. */
    static byte[] canonicalText(byte[] utf8) {
        int from = 0;
        int to = utf8.length;
        while (from < to && isSpace(utf8[from])) {
            from++;
        }
        while (to > from && isSpace(utf8[to - 1])) {
            to--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            byte b = utf8[i];
            if ((b & 0x80) != 0) {
                out.write(b);
                i++;
            } else if (isSpace(b)) {
                out.write(' ');
                while (i < to && isSpace(utf8[i])) {
                    i++;
                }
            } else {
                out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** OpenSSL's {@code ossl_isspace}: space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new TlsException("This JVM has no " + algorithm + "; the OpenSSL subject hash needs it.", e);
        }
    }

    private static String littleEndianHex(byte[] digest) {
        long value = (digest[0] & 0xffL) | (digest[1] & 0xffL) << 8 | (digest[2] & 0xffL) << 16 | (digest[3] & 0xffL) << 24;
        return String.format("%08x", value);
    }
}
