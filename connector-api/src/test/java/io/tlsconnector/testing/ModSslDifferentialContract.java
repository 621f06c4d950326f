package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * Acceptance 2 of issue 12 (F10): a real Apache httpd + mod_ssl and our connector (on the container under test), both with
 * the same generated certificates and the same settings, asked by the same curl command with client
 * certificates whose distinguished names are unusual; every SSL_* variable must match.
 */
public abstract class ModSslDifferentialContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    static final String C = "2.5.4.6";
    static final String ST = "2.5.4.8";
    static final String L = "2.5.4.7";
    static final String O = "2.5.4.10";
    static final String OU = "2.5.4.11";
    static final String CN = "2.5.4.3";
    static final String EMAIL = "1.2.840.113549.1.9.1";
    static final String UID = "0.9.2342.19200300.100.1.1";
    static final String MS_UPN = "1.3.6.1.4.1.311.20.2.3";

    @TempDir
    static Path dir;

    static TestPki.Issued root;
    static TestPki.Issued intermediate;
    static Path rootPem;
    static ApacheHttpd httpd;
    static ApacheHttpd httpdNoCa;
    static final List<TlsRuntime> runtimes = new ArrayList<>();
    static VariablesServer served;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startHttpdAndOurContainerWithTheSameCertificates() throws Exception {
        ExternalTool.require("apache2");
        ExternalTool.require("curl");
        root = CertificateBuilder.subject().rdn(C, new DERPrintableString("DE")).rdn(O, utf8("Differential Tests"))
                .rdn(CN, utf8("Differential Root CA")).keys(TestPki.rsaKeyPair(2048)).certificateAuthority()
                .serial(BigInteger.ONE).issuedBy(null);
        intermediate = CertificateBuilder.subject().rdn(C, new DERPrintableString("DE")).rdn(O, utf8("Differential Tests"))
                .rdn(OU, utf8("Intermediates")).rdn(CN, utf8("Differential Intermediate CA")).certificateAuthority()
                .serial(BigInteger.TWO).issuedBy(root);
        // The server certificate's own DN is unusual too, so the SSL_SERVER_* side is compared as well.
        TestPki.Issued server = CertificateBuilder.subject()
                .rdn(C, new DERPrintableString("DE"))
                .rdn(O, utf8("Server, Söhne & \"Co\""))
                .rdn(OU, new DERT61String("Bäckerei".getBytes(StandardCharsets.ISO_8859_1)))
                .rdn(CN, utf8("localhost"))
                .san(new GeneralName(GeneralName.dNSName, "localhost"))
                .san(new GeneralName(GeneralName.rfc822Name, "hostmaster@example.test"))
                .keys(TestPki.rsaKeyPair(2048)).serial(new BigInteger("4096")).issuedBy(root);
        rootPem = TestPki.write(dir.resolve("root.pem"), TestPki.pem(root.certificate()));
        Path serverCrt = server.writeCertificate(dir, "server");
        Path serverKey = server.writeKey(dir, "server");

        String ssl = "SSLCertificateFile \"" + serverCrt + "\"\n"
                + "SSLCertificateKeyFile \"" + serverKey + "\"\n"
                + "SSLCACertificateFile \"" + rootPem + "\"\n"
                + "SSLVerifyDepth 3\n"
                + "SSLOptions +StdEnvVars +ExportCertData\n";
        httpd = ApacheHttpd.start(dir.resolve("httpd-optional"), ssl + "SSLVerifyClient optional\n");
        httpdNoCa = ApacheHttpd.start(dir.resolve("httpd-optional-no-ca"), ssl + "SSLVerifyClient optional_no_ca\n");

        Map<String, TlsRuntime> byName = new LinkedHashMap<>();
        byName.put("cgi-bin", runtime(serverCrt, serverKey, VerifyClient.OPTIONAL));
        byName.put("legacy", runtime(serverCrt, serverKey, VerifyClient.OPTIONAL, SslOption.LEGACY_DN_STRING_FORMAT));
        byName.put("no-ca", runtime(serverCrt, serverKey, VerifyClient.OPTIONAL_NO_CA));
        runtimes.addAll(byName.values());
        served = VariablesServer.start(container(), byName);
    }

    private TlsRuntime runtime(Path crt, Path key, VerifyClient verify, SslOption... more) {
        return TlsRuntime.start(tlsConfig()
                .virtualHost(VirtualHost.builder("localhost")
                        .certificate(CertificateSource.pem(crt, key))
                        .verifyClient(verify)
                        .verifyDepth(3)
                        .caCertificateFile(rootPem)
                        .options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA)
                        .options(more)
                        .build())
                .build());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopAll() throws Exception {
        if (served != null) {
            served.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
        for (ApacheHttpd h : new ApacheHttpd[] {httpd, httpdNoCa}) {
            if (h != null) {
                h.close();
            }
        }
    }

    private static DERUTF8String utf8(String s) {
        return new DERUTF8String(s);
    }

    /**
     * Asks httpd and our container with the same curl options (the client certificate, sent with its chain when
     * {@code withChain}), for the default (RFC 2253) and the legacy DN format, and compares.
     */
    private static Map<String, String> compare(String name, TestPki.Issued client, boolean withChain) {
        Path crt = withChain ? client.writeFullChain(dir, name) : client.writeCertificate(dir, name);
        List<String> options = List.of("--cacert", rootPem.toString(), "--cert", crt.toString(),
                "--key", client.writeKey(dir, name).toString());
        Map<String, String> ours = null;
        for (String location : List.of("cgi-bin", "legacy")) {
            Map<String, String> theirs = Curl.json("https://localhost:" + httpd.port() + "/" + location + "/env.cgi", options);
            ours = Curl.json("https://localhost:" + served.port(location) + "/" + location + "/env.cgi", options);
            assertThat(theirs).as("httpd answered with its CGI environment; error log:\n%s", httpd.errorLog()).containsKey("HTTPS");
            ModSslComparison.assertSameVariables(name + " (" + location + ")", theirs, ours);
        }
        return ours;
    }

    @Nested
    class UnusualDistinguishedNames {
        @Test
        void aMultiValuedRdnRepeatedOusAndAnEmailAddressMatch() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn(C, new DERPrintableString("DE"))
                    .rdn(O, utf8("Example"))
                    .rdn(OU, utf8("One")).rdn(OU, utf8("Two")).rdn(OU, utf8("Three"))
                    .rdn(CN, utf8("John Smith"), UID, utf8("jsmith"))
                    .rdn(EMAIL, new DERIA5String("john.smith@example.test"))
                    .serial(BigInteger.ONE).issuedBy(root);
            Map<String, String> ours = compare("multi-valued", cert, false);
            assertThat(ours).containsEntry("SSL_CLIENT_S_DN_OU_2", "Three").containsEntry("SSL_CLIENT_S_DN_UID", "jsmith");
        }

        @Test
        void rfc2253SpecialCharactersAreEscapedAsMod_sslEscapesThem() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn(C, new DERPrintableString("US"))
                    .rdn(ST, utf8(" leading and trailing "))
                    .rdn(L, utf8("#hash first, # not later"))
                    .rdn(O, utf8("Acme, \"Quoted\" <Corp>; Ltd \\ back"))
                    .rdn(OU, utf8("a+b=c/d"))
                    .rdn(CN, utf8("=equals;semi+plus"))
                    .rdn("2.5.4.13", utf8("slash/ and \\backslash\\"))
                    .serial(new BigInteger("80" + "11".repeat(18), 16)).issuedBy(root);
            compare("escapes", cert, false);
        }

        @Test
        void utf8T61BmpAndUniversalStringsAndControlCharactersMatch() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn(C, new DERPrintableString("CH"))
                    .rdn(ST, new DERT61String("Zürich".getBytes(StandardCharsets.ISO_8859_1)))
                    .rdn(L, new DERUniversalString("Smile \uD83D\uDE00".getBytes(java.nio.charset.Charset.forName("UTF-32BE"))))
                    .rdn(O, new DERBMPString("€uro Ünïcødé 日本"))
                    .rdn(OU, utf8("Tab\there and\u007fdel"))
                    .rdn(CN, utf8("Jürgen Müller \uD83D\uDE00"))
                    .serial(BigInteger.valueOf(0x0f)).keys(TestPki.rsaKeyPair(2048)).issuedBy(root);
            compare("string-types", cert, false);
        }

        @Test
        void unknownOidsAndAttributesWithoutComponentVariablesMatch() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn("0.9.2342.19200300.100.1.25", new DERIA5String("test"))
                    .rdn("0.9.2342.19200300.100.1.25", new DERIA5String("example"))
                    .rdn("1.3.6.1.4.1.311.60.2.1.3", new DERPrintableString("DE"))
                    .rdn("2.5.4.15", utf8("Private Organization"))
                    .rdn("2.5.4.5", new DERPrintableString("HRB 12345"))
                    .rdn("2.5.4.9", utf8("Main Street 1"))
                    .rdn("2.5.4.17", utf8("10115"))
                    .rdn("2.5.4.97", utf8("VATDE-123456789"))
                    .rdn("2.5.4.12", utf8("Dr.")).rdn("2.5.4.42", utf8("Jane")).rdn("2.5.4.4", utf8("Doe"))
                    .rdn("2.5.4.43", utf8("JD")).rdn("2.5.4.44", utf8("III")).rdn("2.5.4.65", utf8("jdoe"))
                    .rdn("1.3.6.1.4.1.99999.1", utf8("custom value"))
                    .rdn("1.2.3.4.5.6", new DERPrintableString("other"), CN, utf8("Jane Doe"))
                    .serial(BigInteger.valueOf(0x0100)).issuedBy(root);
            compare("unknown-oids", cert, false);
        }

        @Test
        void subjectAltNamesOfEveryKindAndAGeneralizedTimeMatch() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn(CN, utf8("SAN Test"))
                    .san(new GeneralName(GeneralName.rfc822Name, "first@example.test"))
                    .san(new GeneralName(GeneralName.dNSName, "a.example.test"))
                    .san(new GeneralName(GeneralName.rfc822Name, "second@example.test"))
                    .san(otherName(MS_UPN, utf8("jsmith@corp.example.test")))
                    .san(otherName(MS_UPN, new DERIA5String("ia5-is-not-exported@corp.example.test")))
                    .san(otherName(MS_UPN, utf8("john.smith@corp.example.test")))
                    .san(new GeneralName(GeneralName.dNSName, "b.example.test"))
                    .san(new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.test/u/1"))
                    .san(new GeneralName(GeneralName.iPAddress, "192.0.2.10"))
                    .validity(Instant.parse("2025-03-05T04:05:06Z"), Instant.parse("2061-02-03T01:02:03Z"))
                    .serial(new BigInteger("123456789012345678901234567890"))
                    // BoringSSL in netty-tcnative accepts no Ed25519 client signature (its client sends no certificate).
                    .keys(engine == Engine.JSSE ? CertificateBuilder.ed25519() : CertificateBuilder.ecP256())
                    .issuedBy(root);
            Map<String, String> ours = compare("sans", cert, false);
            assertThat(ours).containsEntry("SSL_CLIENT_SAN_OTHER_msUPN_1", "john.smith@corp.example.test")
                    .containsEntry("SSL_CLIENT_V_END", "Feb  3 01:02:03 2061 GMT");
        }

        @Test
        void anEmptyValueAndALoneEmailAddressMatch() {
            TestPki.Issued cert = CertificateBuilder.subject()
                    .rdn(CN, utf8(""))
                    .rdn(EMAIL, new DERIA5String("only@example.test"))
                    .serial(new BigInteger("7fffffffffffffffffffffffffffffffffffffff", 16)).issuedBy(intermediate);
            compare("empty-value", cert, true);
        }
    }

    @Nested
    class VerifyResults {
        @Test
        void aChainSentThroughAnIntermediateIsExportedAsSent() {
            TestPki.Issued cert = CertificateBuilder.subject().rdn(CN, utf8("Via Intermediate"))
                    .serial(BigInteger.TEN).issuedBy(intermediate);
            Map<String, String> ours = compare("via-intermediate", cert, true);
            assertThat(ours).containsEntry("SSL_CLIENT_VERIFY", "SUCCESS").containsKey("SSL_CLIENT_CERT_CHAIN_0");
        }

        @Test
        void anUntrustedSelfSignedCertificateUnderOptionalNoCaIsReportedAsFailed() {
            TestPki.Issued self = CertificateBuilder.subject().rdn(O, utf8("Nobody")).rdn(CN, utf8("Self-Signed Client"))
                    .keys(CertificateBuilder.ed25519()).issuedBy(null);
            List<String> options = List.of("--cacert", rootPem.toString(),
                    "--cert", self.writeCertificate(dir, "self").toString(), "--key", self.writeKey(dir, "self").toString());
            Map<String, String> theirs = Curl.json("https://localhost:" + httpdNoCa.port() + "/cgi-bin/env.cgi", options);
            Map<String, String> ours = Curl.json("https://localhost:" + served.port("no-ca") + "/cgi-bin/env.cgi", options);
            ModSslComparison.assertSameVariables("optional_no_ca, self-signed", theirs, ours);
            assertThat(ours).containsEntry("SSL_CLIENT_VERIFY", "FAILED:self-signed certificate");
        }
    }

    private static GeneralName otherName(String oid, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, value)}));
    }
}
