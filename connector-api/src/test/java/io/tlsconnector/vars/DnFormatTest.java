package io.tlsconnector.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.CertificateBuilder;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.GoldenFixtures;
import io.tlsconnector.testing.TestPki;

/** DN strings and components exactly as mod_ssl (through OpenSSL) prints them (F10). */
class DnFormatTest {
    @TempDir
    Path dir;

    private static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }

    private static X500Name subject(X509Certificate c) throws Exception {
        return Certificate.getInstance(c.getEncoded()).getSubject();
    }

    @Nested
    class TheGoldenCaptureCertificates {
        @Test
        void client2sSubjectIsPrintedAsObservedInScenario07() throws Exception {
            X500Name name = subject(read(GoldenFixtures.certificate("client2.crt")));
            assertThat(DnFormat.rfc2253(name, Asn1Text.RFC2253_NO_MSB)).isEqualTo(
                    "emailAddress=john.smith@example.test,description=\\#1 tester \\\\ backslash,initials=JS,SN=Smith,GN=John,"
                            + "title=Dr.,UID=jsmith+CN=John Smith,OU=a\\+b=c,OU=Sec/urity,OU=R&D,"
                            + "O=€uro \\\"Quoted\\\" \\<Corp\\>\\; Ltd,L=\\  Spaced Town\\ ,ST=Zürich,C=CH");
        }

        @Test
        void client2sLegacyFormKeepsTheEncodedBytesAsObservedInScenario06b() throws Exception {
            String oneline = DnFormat.oneline(subject(read(GoldenFixtures.certificate("client2.crt"))));
            assertThat(oneline).startsWith("/C=CH/ST=Z\\xFCrich/L=  Spaced Town /O= \\xAC\\x00u\\x00r\\x00o")
                    .contains("/OU=Sec\\/urity/OU=a\\+b=c/CN=John Smith+UID=jsmith/");
        }

        @Test
        void client2sComponentsDoubleBackslashesButDoNotEscapeRfc2253Characters() throws Exception {
            Map<String, String> components = new LinkedHashMap<>();
            DnFormat.components(subject(read(GoldenFixtures.certificate("client2.crt"))), "SSL_CLIENT_S_DN_", components);
            assertThat(components)
                    .containsEntry("SSL_CLIENT_S_DN_D", "#1 tester \\\\ backslash")
                    .containsEntry("SSL_CLIENT_S_DN_L", "  Spaced Town ")
                    .containsEntry("SSL_CLIENT_S_DN_O", "€uro \"Quoted\" <Corp>; Ltd")
                    .containsEntry("SSL_CLIENT_S_DN_ST", "Zürich")
                    .containsEntry("SSL_CLIENT_S_DN_OU", "R&D")
                    .containsEntry("SSL_CLIENT_S_DN_OU_2", "a+b=c")
                    .containsEntry("SSL_CLIENT_S_DN_CN", "John Smith")
                    .containsEntry("SSL_CLIENT_S_DN_UID", "jsmith");
        }

        @Test
        void everyFixtureCertificateMatchesOpenssl() throws Exception {
            for (String name : List.of("ca.crt", "intermediate.crt", "server.crt", "client.crt", "client2.crt", "selfsigned-client.crt")) {
                assertMatchesOpenssl(GoldenFixtures.certificate(name));
            }
        }
    }

    @Nested
    class GeneratedEdgeCases {
        @Test
        void escapesStringTypesMultiValuedRdnsAndUnknownOidsMatchOpenssl() throws Exception {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn("2.5.4.6", new DERPrintableString("DE"))
                    .rdn("2.5.4.8", new DERT61String("Köln".getBytes(StandardCharsets.ISO_8859_1)))
                    .rdn("2.5.4.10", new DERBMPString("Ωmega, \"Inc\" <x>; y"))
                    .rdn("2.5.4.11", new DERUTF8String("#first"), "2.5.4.3", new DERUTF8String(" spaced "))
                    .rdn("1.3.6.1.4.1.99999.7", new DERUTF8String("opaque"))
                    .rdn("2.5.4.13", new DERUTF8String("ctrl\u0001 and \\ and /+"))
                    .rdn("1.2.840.113549.1.9.1", new DERIA5String("a@b.test"))
                    .serial(BigInteger.valueOf(0x80)).issuedBy(null);
            assertMatchesOpenssl(cert.writeCertificate(dir, "edge"));
        }
    }

    @Nested
    class BrokenStrings {
        @Test
        void aUniversalStringCharacterBeyondUnicodeIsDroppedInsteadOfFailingTheRequest() {
            byte[] utf32 = {0, 0, 0, 'A', 0, 0x11, 0, 0, 0, 0, 0, 'B'};
            assertThat(Asn1Text.print(new org.bouncycastle.asn1.DERUniversalString(utf32), Asn1Text.COMPONENT)).isEqualTo("AB");
        }

        @Test
        void aBmpStringSurrogateIsDroppedAndControlCharactersAreEscaped() {
            assertThat(Asn1Text.print(new DERBMPString("x\uD800y\u0007"), Asn1Text.COMPONENT)).isEqualTo("xy\\07");
        }
    }

    @Nested
    class Serials {
        @Test
        void serialsAreUpperCaseHexWithTwoDigitsPerByteAndNoSignPadding() {
            assertThat(CertificateVariables.serialHex(BigInteger.valueOf(0x2a))).isEqualTo("2A");
            assertThat(CertificateVariables.serialHex(new BigInteger("0123456789ABCDEF", 16))).isEqualTo("0123456789ABCDEF");
            assertThat(CertificateVariables.serialHex(new BigInteger("FEDCBA9876543210", 16))).isEqualTo("FEDCBA9876543210");
            assertThat(CertificateVariables.serialHex(BigInteger.valueOf(0x1000))).isEqualTo("1000");
            assertThat(CertificateVariables.serialHex(BigInteger.ZERO)).isEqualTo("00");
            assertThat(CertificateVariables.serialHex(BigInteger.valueOf(-0x2a))).isEqualTo("-2A");
        }
    }

    /** Our RFC 2253, legacy and CEA issuer forms against {@code openssl x509 -nameopt ...} for one certificate. */
    private void assertMatchesOpenssl(Path file) throws Exception {
        X509Certificate certificate = read(file);
        Certificate asn1 = Certificate.getInstance(certificate.getEncoded());
        assertThat(DnFormat.rfc2253(asn1.getSubject(), Asn1Text.RFC2253_NO_MSB)).as("%s RFC 2253", file)
                .isEqualTo(openssl(file, "-subject", "RFC2253,-esc_msb"));
        assertThat(DnFormat.oneline(asn1.getSubject())).as("%s oneline", file)
                .isEqualTo(openssl(file, "-subject", "compat"));
        assertThat(DnFormat.rfc2253(asn1.getIssuer(), Asn1Text.RFC2253)).as("%s issuer with esc_msb", file)
                .isEqualTo(openssl(file, "-issuer", "RFC2253"));
    }

    private static String openssl(Path file, String which, String nameopt) {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                List.of("openssl", "x509", "-in", file.toString(), "-noout", which, "-nameopt", nameopt));
        assertThat(result.exitCode()).as(result.all()).isZero();
        String line = result.stdout().strip();
        return line.substring(line.indexOf('=') + 1);
    }
}
