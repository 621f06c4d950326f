package io.tlsconnector.vars;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;

/**
 * Renders an ASN.1 string value the way OpenSSL's {@code ASN1_STRING_print_ex} does with the flag
 * sets mod_ssl uses (crypto/asn1/a_strex.c): the same escapes, the same character widths per string
 * type, the same UTF-8 conversion and the same {@code #hex} dumps. Output bytes are taken as UTF-8.
 */
final class Asn1Text {
    /** ASN1_STRFLGS_ESC_2253: escape {@code , + " \ < > ;}, a leading {@code #} or space and a trailing space. */
    static final int ESC_2253 = 0x01;
    /** ASN1_STRFLGS_ESC_CTRL: control characters as {@code \XX}. */
    static final int ESC_CTRL = 0x02;
    /** ASN1_STRFLGS_ESC_MSB: bytes above 0x7f as {@code \XX}. */
    static final int ESC_MSB = 0x04;
    /** ASN1_STRFLGS_UTF8_CONVERT: characters of every string type become UTF-8 bytes. */
    static final int UTF8_CONVERT = 0x10;
    /** ASN1_STRFLGS_DUMP_ALL: every value as {@code #} and the hex of its DER encoding. */
    static final int DUMP_ALL = 0x80;
    /** ASN1_STRFLGS_DUMP_UNKNOWN: values of non-string types as {@code #hex}. */
    static final int DUMP_UNKNOWN = 0x100;

    /** X509_NAME_print_ex with XN_FLAG_RFC2253 &amp; ~ASN1_STRFLGS_ESC_MSB: mod_ssl's S_DN/I_DN values. */
    static final int RFC2253_NO_MSB = ESC_2253 | ESC_CTRL | UTF8_CONVERT | DUMP_UNKNOWN;
    /** Full XN_FLAG_RFC2253: the issuer DN inside SSL_CLIENT_CERT_RFC4523_CEA. */
    static final int RFC2253 = RFC2253_NO_MSB | ESC_MSB;
    /** mod_ssl's asn1_string_convert: DN components and SAN values. */
    static final int COMPONENT = ESC_CTRL | UTF8_CONVERT;

    private static final int FIRST_ESC_2253 = 0x20;
    private static final int LAST_ESC_2253 = 0x40;
    private static final int BACKSLASH_ESCAPE = ESC_2253 | FIRST_ESC_2253 | LAST_ESC_2253;
    private static final int ESC_QUOTE = 0x08;
    private static final int ESC_2254 = 0x400;
    /** OpenSSL's char_type[] (crypto/asn1/charmap.h) for 0..127, reduced to the escape bits. */
    private static final int[] CHAR_TYPE = new int[128];
    /** tag2nbyte[]: bytes per character by universal tag; 0 = UTF-8, -1 = not a string type. */
    private static final int[] TAG_WIDTH = new int[31];

    static {
        CHAR_TYPE[0] = ESC_2254 | ESC_CTRL;
        for (int c = 1; c < 0x20; c++) {
            CHAR_TYPE[c] = ESC_CTRL;
        }
        CHAR_TYPE[0x7f] = ESC_CTRL;
        CHAR_TYPE[' '] = LAST_ESC_2253 | FIRST_ESC_2253 | ESC_QUOTE;
        CHAR_TYPE['#'] = FIRST_ESC_2253 | ESC_QUOTE;
        for (char c : new char[] {'"', '\\'}) {
            CHAR_TYPE[c] = ESC_2253;
        }
        for (char c : new char[] {'+', ',', ';', '<', '>'}) {
            CHAR_TYPE[c] = ESC_2253 | ESC_QUOTE;
        }
        Arrays.fill(TAG_WIDTH, -1);
        TAG_WIDTH[12] = 0;                      // UTF8String
        for (int tag : new int[] {18, 19, 20, 22, 23, 24, 26}) {
            TAG_WIDTH[tag] = 1;                 // Numeric, Printable, T61, IA5, UTCTime, GeneralizedTime, Visible
        }
        TAG_WIDTH[28] = 4;                      // UniversalString
        TAG_WIDTH[30] = 2;                      // BMPString
    }

    private Asn1Text() {
    }

    /** The DER tag, and the contents octets, of a value. */
    record Encoded(int tag, byte[] content, byte[] der) {
    }

    static Encoded encoded(ASN1Encodable value) {
        try {
            byte[] der = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
            int tag = der[0] & 0x1f;
            int lengthByte = der[1] & 0xff;
            int offset = 2 + (lengthByte < 0x80 ? 0 : lengthByte & 0x7f);
            return new Encoded(tag, Arrays.copyOfRange(der, offset, der.length), der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ASN1_STRING_print_ex of {@code value} with {@code flags}. */
    static String print(ASN1Encodable value, int flags) {
        Encoded encoded = encoded(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int width = encoded.tag() < TAG_WIDTH.length ? TAG_WIDTH[encoded.tag()] : -1;
        if ((flags & DUMP_ALL) != 0 || (width == -1 && (flags & DUMP_UNKNOWN) != 0)) {
            out.write('#');
            write(out, HexFormat.of().withUpperCase().formatHex(encoded.der()));
            return out.toString(StandardCharsets.UTF_8);
        }
        if (width == -1) {
            width = 1;
        }
        boolean convert = false;
        if ((flags & UTF8_CONVERT) != 0) {
            // A UTF8String is taken byte by byte, so it is not converted twice.
            if (width == 0) {
                width = 1;
            } else {
                convert = true;
            }
        }
        byte[] b = encoded.content();
        int p = 0;
        while (p < b.length) {
            int edge = p == 0 && (flags & ESC_2253) != 0 ? FIRST_ESC_2253 : 0;
            long c;
            switch (width) {
                case 4 -> {
                    if (p + 4 > b.length) {
                        return "";
                    }
                    c = ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
                    p += 4;
                }
                case 2 -> {
                    if (p + 2 > b.length) {
                        return "";
                    }
                    c = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
                    p += 2;
                }
                case 1 -> c = b[p++] & 0xff;
                default -> {
                    int[] decoded = utf8(b, p);
                    c = decoded[0];
                    p += decoded[1];
                }
            }
            if (p == b.length && (flags & ESC_2253) != 0) {
                edge = LAST_ESC_2253;
            }
            if (convert) {
                for (int u : utf8Bytes(c)) {
                    escape(out, u, flags | edge);
                }
            } else {
                escape(out, c, flags | edge);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** do_esc_char. */
    private static void escape(ByteArrayOutputStream out, long c, int flags) {
        if (c > 0xffff) {
            write(out, String.format("\\W%08X", c));
            return;
        }
        if (c > 0xff) {
            write(out, String.format("\\U%04X", c));
            return;
        }
        int ch = (int) c;
        int chflags = ch > 0x7f ? flags & ESC_MSB : CHAR_TYPE[ch] & flags;
        if ((chflags & BACKSLASH_ESCAPE) != 0) {
            out.write('\\');
            out.write(ch);
        } else if ((chflags & (ESC_CTRL | ESC_MSB | ESC_2254)) != 0) {
            write(out, String.format("\\%02X", ch));
        } else if (ch == '\\' && (flags & (ESC_2253 | ESC_QUOTE | ESC_CTRL | ESC_MSB)) != 0) {
            write(out, "\\\\");
        } else {
            out.write(ch);
        }
    }

    /**
     * UTF8_putc: the UTF-8 bytes of one character; none for a surrogate or a value beyond U+10FFFF,
     * which OpenSSL refuses to encode.
     */
    private static int[] utf8Bytes(long c) {
        if (c < 0x80) {
            return new int[] {(int) c};
        }
        if (c < 0x800) {
            return new int[] {0xc0 | (int) (c >> 6), 0x80 | (int) (c & 0x3f)};
        }
        if (c < 0x10000) {
            if (c >= 0xd800 && c <= 0xdfff) {
                return new int[0];
            }
            return new int[] {0xe0 | (int) (c >> 12), 0x80 | (int) ((c >> 6) & 0x3f), 0x80 | (int) (c & 0x3f)};
        }
        if (c <= 0x10ffff) {
            return new int[] {0xf0 | (int) (c >> 18), 0x80 | (int) ((c >> 12) & 0x3f), 0x80 | (int) ((c >> 6) & 0x3f),
                0x80 | (int) (c & 0x3f)};
        }
        return new int[0];
    }

    /** One UTF-8 sequence at {@code p}: {code point, length}; an invalid byte counts as itself. */
    private static int[] utf8(byte[] b, int p) {
        int first = b[p] & 0xff;
        int length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
        if (length == 1 || p + length > b.length) {
            return new int[] {first, 1};
        }
        int c = first & (0xff >> (length + 1));
        for (int i = 1; i < length; i++) {
            c = (c << 6) | (b[p + i] & 0x3f);
        }
        return new int[] {c, length};
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
