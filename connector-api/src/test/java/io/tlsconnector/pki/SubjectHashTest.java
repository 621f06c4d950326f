package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.tlsconnector.config.KeySpec;

/**
 * {@code tlsctl hash} equals {@code openssl x509 -hash} and {@code -subject_hash_old} for names in
 * every string type, with the case and white space differences OpenSSL canonicalises, multi-valued
 * RDNs and non-ASCII text (F21, acceptance 2). Certificates are made at test time. (VisibleString
 * is left out: OpenSSL refuses to parse a name that uses it.)
 */
class SubjectHashTest {
    static final KeyPair KEYS = PrivateKeys.generate(KeySpec.ecP256());

    @TempDir
    static Path dir;

    static RDN rdn(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new RDN(type, value);
    }

    static RDN multi(AttributeTypeAndValue... values) {
        return new RDN(values);
    }

    static AttributeTypeAndValue atv(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new AttributeTypeAndValue(type, value);
    }

    static X500Name name(RDN... rdns) {
        return new X500Name(rdns);
    }

    static DERT61String t61(byte... latin1) {
        return new DERT61String(latin1);
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("plain UTF8 CN", name(rdn(BCStyle.CN, new DERUTF8String("www.example.test")))),
                Arguments.of("upper case", name(rdn(BCStyle.CN, new DERUTF8String("WWW.Example.TEST")))),
                Arguments.of("leading and trailing spaces", name(rdn(BCStyle.CN, new DERUTF8String("   padded name   ")))),
                Arguments.of("internal runs of spaces", name(rdn(BCStyle.CN, new DERUTF8String("many    inner   spaces")))),
                Arguments.of("tabs, newlines, \\v \\f \\r", name(rdn(BCStyle.CN, new DERUTF8String("\ttab\t\tand\nnew\u000b\f\rline ")))),
                Arguments.of("only spaces", name(rdn(BCStyle.CN, new DERUTF8String("    ")))),
                Arguments.of("PrintableString C and O", name(rdn(BCStyle.C, new DERPrintableString("DE")),
                        rdn(BCStyle.O, new DERPrintableString("  Example   ORG ")))),
                Arguments.of("IA5String emailAddress and DCs", name(rdn(BCStyle.DC, new DERIA5String("Example")),
                        rdn(BCStyle.DC, new DERIA5String("TEST")), rdn(BCStyle.EmailAddress, new DERIA5String("Admin@Example.TEST")))),
                Arguments.of("T61String with Latin-1 bytes", name(rdn(BCStyle.CN, t61((byte) 'C', (byte) 'a', (byte) 'f', (byte) 0xE9,
                        (byte) ' ', (byte) 'M', (byte) 0xFC, (byte) 'N')))),
                Arguments.of("T61String upper-case ASCII", name(rdn(BCStyle.O, t61("ACME  Corp".getBytes(StandardCharsets.US_ASCII))))),
                Arguments.of("BMPString", name(rdn(BCStyle.CN, new DERBMPString("Ünïcödé BMP NAME")))),
                Arguments.of("UniversalString beyond the BMP", name(rdn(BCStyle.CN,
                        new DERUniversalString(ucs4("Math \uD835\uDCB3 NAME"))))),
                Arguments.of("UTF8 non-ASCII upper case kept", name(rdn(BCStyle.CN, new DERUTF8String("ÄÖÜ Straße  Ω")))),
                Arguments.of("IA5String CN with upper case and spaces", name(rdn(BCStyle.CN, new DERIA5String(" IA5   Host.Example ")))),
                Arguments.of("NumericString kept as it is", name(rdn(BCStyle.SERIALNUMBER, new DERNumericString("0012 345")),
                        rdn(BCStyle.CN, new DERUTF8String("numeric")))),
                Arguments.of("multi-valued RDN", name(multi(atv(BCStyle.CN, new DERUTF8String("Multi")),
                        atv(BCStyle.OU, new DERUTF8String("Valued"))))),
                Arguments.of("multi-valued RDN, other order and case", name(multi(atv(BCStyle.OU, new DERUTF8String("VALUED")),
                        atv(BCStyle.CN, new DERUTF8String("multi "))))),
                Arguments.of("multi-valued RDN of mixed types", name(rdn(BCStyle.C, new DERPrintableString("FR")),
                        multi(atv(BCStyle.O, new DERPrintableString("Org")), atv(BCStyle.L, new DERT61String("Paris")),
                                atv(BCStyle.CN, new DERBMPString("Bmp Entry"))))),
                Arguments.of("full subject", name(rdn(BCStyle.C, new DERPrintableString("DE")), rdn(BCStyle.ST, new DERUTF8String("Bayern")),
                        rdn(BCStyle.L, new DERUTF8String("München")), rdn(BCStyle.O, new DERUTF8String("Example GmbH")),
                        rdn(BCStyle.OU, new DERUTF8String("IT")), rdn(BCStyle.CN, new DERUTF8String("www.example.de")),
                        rdn(BCStyle.EmailAddress, new DERIA5String("hostmaster@example.de")))),
                Arguments.of("same attribute twice", name(rdn(BCStyle.OU, new DERUTF8String("One")), rdn(BCStyle.OU, new DERUTF8String("Two")))),
                Arguments.of("UTF8 with a trailing tab only", name(rdn(BCStyle.OU, new DERUTF8String("Unit\t")))),
                Arguments.of("CJK UTF8", name(rdn(BCStyle.O, new DERUTF8String("例子 公司")), rdn(BCStyle.CN, new DERUTF8String("例子.测试")))),
                Arguments.of("PrintableString that differs only in case from a UTF8 one", name(rdn(BCStyle.CN, new DERPrintableString("WWW.EXAMPLE.TEST")))),
                Arguments.of("UTF8 with a NUL-free control character", name(rdn(BCStyle.CN, new DERUTF8String("bell\u0007 char")))));
    }

    static byte[] ucs4(String text) {
        return text.codePoints().collect(java.io.ByteArrayOutputStream::new, (out, cp) -> {
            out.write(cp >>> 24);
            out.write(cp >>> 16);
            out.write(cp >>> 8);
            out.write(cp);
        }, (a, b) -> a.writeBytes(b.toByteArray())).toByteArray();
    }

    static X509Certificate certificate(X500Name subject) {
        return X509Builder.build(subject, KEYS.getPrivate(), KEYS.getPublic(), subject, KEYS.getPublic(), X509Builder.randomSerial(),
                Instant.now().plus(1, ChronoUnit.DAYS), X509Builder.Profile.SERVER, null);
    }

    @Nested
    class AgainstOpenssl {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.pki.SubjectHashTest#names")
        void hashAndOldHashEqualOpenssls(String what, X500Name subject) {
            X509Certificate certificate = certificate(subject);
            Path file = dir.resolve(what.replaceAll("[^A-Za-z0-9]+", "-") + ".pem");
            Certificates.write(file, List.of(certificate));

            String openssl = OpenSsl.ok("x509", "-in", file.toString(), "-noout", "-hash", "-subject_hash_old").stdout();

            assertThat(SubjectHash.of(certificate) + "\n" + SubjectHash.old(certificate) + "\n").as(what).isEqualTo(openssl);
        }
    }

    @Nested
    class Canonicalisation {
        @Test
        void namesThatDifferOnlyInCaseSpacesAndStringTypeHashAlike() {
            String reference = SubjectHash.of(certificate(name(rdn(BCStyle.CN, new DERUTF8String("www.example.test")))));
            assertThat(SubjectHash.of(certificate(name(rdn(BCStyle.CN, new DERPrintableString("  WWW.Example.TEST ")))))).isEqualTo(reference);
            assertThat(SubjectHash.of(certificate(name(rdn(BCStyle.CN, new DERBMPString("www.EXAMPLE.test")))))).isEqualTo(reference);
            assertThat(SubjectHash.of(certificate(name(rdn(BCStyle.CN, new DERUTF8String("www.example.org")))))).isNotEqualTo(reference);
        }

        @Test
        void theOldHashSeesEveryByteOfTheName() {
            X509Certificate lower = certificate(name(rdn(BCStyle.CN, new DERUTF8String("www.example.test"))));
            X509Certificate upper = certificate(name(rdn(BCStyle.CN, new DERUTF8String("WWW.example.test"))));
            assertThat(SubjectHash.old(lower)).isNotEqualTo(SubjectHash.old(upper));
            assertThat(SubjectHash.of(lower)).isEqualTo(SubjectHash.of(upper));
        }

        @Test
        void whiteSpaceIsTrimmedCollapsedAndAsciiLowerCased() {
            byte[] canonical = SubjectHash.canonicalText(" \tA  b\r\nÄ C ".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo("a b Ä c");
        }
    }
}
