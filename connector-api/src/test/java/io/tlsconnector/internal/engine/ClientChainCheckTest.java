package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.testing.CertificateBuilder;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/**
 * SSL_CLIENT_VERIFY under SSLVerifyClient optional_no_ca names the problem with OpenSSL's own
 * words; each case is checked against {@code openssl verify} on the same certificates.
 */
class ClientChainCheckTest {
    @TempDir
    static Path dir;
    static TestPki.Issued root;
    static TestPki.Issued intermediate;

    @BeforeAll
    static void cas() {
        root = ca("Verify Root", null);
        intermediate = ca("Verify Intermediate", root);
    }

    private static TestPki.Issued ca(String name, TestPki.Issued issuer) {
        return CertificateBuilder.subject().rdn("2.5.4.3", new DERUTF8String(name)).certificateAuthority()
                .serial(BigInteger.valueOf(name.length())).issuedBy(issuer);
    }

    private static TestPki.Issued leaf(String name, TestPki.Issued issuer, Instant from, Instant until) {
        return CertificateBuilder.subject().rdn("2.5.4.3", new DERUTF8String(name)).validity(from, until)
                .serial(BigInteger.valueOf(7)).issuedBy(issuer);
    }

    private static TestPki.Issued leaf(String name, TestPki.Issued issuer) {
        return leaf(name, issuer, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
    }

    @Nested
    class AgreesWithOpensslVerify {
        @Test
        void aLeafIssuedByTheTrustedRootSucceeds() {
            assertSameAsOpenssl(List.of(leaf("ok", root).certificate()), "SUCCESS");
        }

        @Test
        void aLeafSentWithItsIntermediateSucceeds() {
            assertSameAsOpenssl(List.of(leaf("via", intermediate).certificate(), intermediate.certificate()), "SUCCESS");
        }

        @Test
        void anUntrustedSelfSignedLeafIsASelfSignedCertificate() {
            assertSameAsOpenssl(List.of(ca("Lonely", null).certificate()), "FAILED:self-signed certificate");
        }

        @Test
        void aChainEndingInAnUntrustedRootIsASelfSignedCertificateInTheChain() {
            TestPki.Issued otherRoot = ca("Other Root", null);
            TestPki.Issued otherIntermediate = ca("Other Intermediate", otherRoot);
            assertSameAsOpenssl(List.of(leaf("x", otherIntermediate).certificate(), otherIntermediate.certificate(),
                    otherRoot.certificate()), "FAILED:self-signed certificate in certificate chain");
        }

        @Test
        void aChainWhoseTopHasNoLocalIssuerHasNoLocalIssuer() {
            TestPki.Issued otherRoot = ca("Other Root", null);
            TestPki.Issued otherIntermediate = ca("Other Intermediate", otherRoot);
            assertSameAsOpenssl(List.of(leaf("x", otherIntermediate).certificate(), otherIntermediate.certificate()),
                    "FAILED:unable to get local issuer certificate");
        }

        @Test
        void anExpiredLeafHasExpired() {
            TestPki.Issued old = leaf("old", root, Instant.now().minus(Duration.ofDays(20)), Instant.now().minus(Duration.ofDays(10)));
            assertSameAsOpenssl(List.of(old.certificate()), "FAILED:certificate has expired");
        }

        @Test
        void aLeafValidOnlyTomorrowIsNotYetValid() {
            TestPki.Issued future = leaf("future", root, Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
            assertSameAsOpenssl(List.of(future.certificate()), "FAILED:certificate is not yet valid");
        }
    }

    @Nested
    class WhereModSslGoesOnAfterTheFirstError {
        /**
         * openssl verify stops at the first error (unable to get local issuer certificate); under optional_no_ca
         * OpenSSL goes on, cannot check the lone leaf's signature, and mod_ssl reports that last error (the live
         * differential in ClientAuthContract shows httpd doing so).
         */
        @Test
        void aLoneLeafOfAnUnknownIssuerCannotBeVerified() {
            assertThat(ClientChainCheck.trusting(List.of(root.certificate())).verify(List.of(leaf("orphan", intermediate).certificate()),
                    Instant.now())).isEqualTo("FAILED:unable to verify the first certificate");
        }
    }

    @Nested
    class VerifyDepth {
        private String verify(int depth, List<X509Certificate> sent) {
            return new ClientChainCheck(List.of(root.certificate()), List.of(), RevocationCheck.NONE, depth).verify(sent, Instant.now());
        }

        @Test
        void depthOneAdmitsALeafTheTrustedRootIssuedButNotOneBelowAnIntermediate() {
            assertThat(verify(1, List.of(leaf("direct", root).certificate()))).isEqualTo("SUCCESS");
            assertThat(verify(1, List.of(leaf("via", intermediate).certificate(), intermediate.certificate())))
                    .isEqualTo("FAILED:certificate chain too long");
            assertThat(verify(2, List.of(leaf("via", intermediate).certificate(), intermediate.certificate()))).isEqualTo("SUCCESS");
        }

        @Test
        void depthZeroAdmitsOnlyTrustedSelfSignedCertificates() {
            assertThat(verify(0, List.of(root.certificate()))).isEqualTo("SUCCESS");
            assertThat(verify(0, List.of(leaf("direct", root).certificate()))).isEqualTo("FAILED:certificate chain too long");
        }
    }

    @Nested
    class Revocation {
        private TestPki.Issued revokedLeaf;
        private TestPki.Issued goodLeaf;

        private ClientChainCheck check(String mode, X509CRL... crls) {
            return new ClientChainCheck(List.of(root.certificate()), List.of(crls), RevocationCheck.parse(mode), 5);
        }

        @org.junit.jupiter.api.BeforeEach
        void leaves() {
            revokedLeaf = CertificateBuilder.subject().rdn("2.5.4.3", new DERUTF8String("revoked")).serial(BigInteger.valueOf(41))
                    .issuedBy(root);
            goodLeaf = CertificateBuilder.subject().rdn("2.5.4.3", new DERUTF8String("good")).serial(BigInteger.valueOf(42))
                    .issuedBy(intermediate);
        }

        @Test
        void aRevokedLeafIsRevokedAsOpensslSeesItWithCrlCheck() {
            X509CRL crl = CertificateBuilder.crl(root, revokedLeaf.certificate());
            assertThat(check("leaf", crl).verify(List.of(revokedLeaf.certificate()), Instant.now())).isEqualTo("FAILED:certificate revoked");
            assertThat(openssl(List.of(revokedLeaf.certificate()), "-crl_check", crl)).isEqualTo("FAILED:certificate revoked");
        }

        @Test
        void chainChecksNeedACrlFromEveryIssuerUnlessNoCrlForCertOk() {
            List<X509Certificate> sent = List.of(goodLeaf.certificate(), intermediate.certificate());
            X509CRL rootCrl = CertificateBuilder.crl(root);
            assertThat(check("leaf", rootCrl).verify(sent, Instant.now())).isEqualTo("FAILED:unable to get certificate CRL");
            assertThat(openssl(sent, "-crl_check", rootCrl)).isEqualTo("FAILED:unable to get certificate CRL");
            assertThat(check("chain no_crl_for_cert_ok", rootCrl).verify(sent, Instant.now())).isEqualTo("SUCCESS");
            X509CRL intermediateCrl = CertificateBuilder.crl(intermediate);
            assertThat(check("chain", rootCrl, intermediateCrl).verify(sent, Instant.now())).isEqualTo("SUCCESS");
            assertThat(openssl(sent, "-crl_check_all", rootCrl, intermediateCrl)).isEqualTo("SUCCESS");
        }

        @Test
        void aRevokedIntermediateFailsTheChainCheckButNotTheLeafCheck() {
            List<X509Certificate> sent = List.of(goodLeaf.certificate(), intermediate.certificate());
            X509CRL rootCrl = CertificateBuilder.crl(root, intermediate.certificate());
            X509CRL intermediateCrl = CertificateBuilder.crl(intermediate);
            assertThat(check("chain", rootCrl, intermediateCrl).verify(sent, Instant.now())).isEqualTo("FAILED:certificate revoked");
            assertThat(openssl(sent, "-crl_check_all", rootCrl, intermediateCrl)).isEqualTo("FAILED:certificate revoked");
            assertThat(check("leaf", rootCrl, intermediateCrl).verify(sent, Instant.now())).isEqualTo("SUCCESS");
        }

        @Test
        void noneIgnoresTheCrls() {
            X509CRL crl = CertificateBuilder.crl(root, revokedLeaf.certificate());
            assertThat(check("none", crl).verify(List.of(revokedLeaf.certificate()), Instant.now())).isEqualTo("SUCCESS");
        }
    }

    private void assertSameAsOpenssl(List<X509Certificate> sent, String expected) {
        String ours = ClientChainCheck.trusting(List.of(root.certificate())).verify(sent, Instant.now());
        assertThat(ours).isEqualTo(expected);
        assertThat(ours).isEqualTo(openssl(sent, null));
    }

    /** What {@code openssl verify} (with {@code flag} and {@code crls} when given) says first, as SSL_CLIENT_VERIFY words. */
    private static String openssl(List<X509Certificate> sent, String flag, X509CRL... crls) {
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-purpose", "any",
                "-CAfile", TestPki.write(dir.resolve("root.pem"), TestPki.pem(root.certificate())).toString()));
        if (flag != null) {
            command.addAll(List.of(flag, "-CRLfile", TestPki.write(dir.resolve("crls.pem"), TestPki.pem((Object[]) crls)).toString()));
        }
        if (sent.size() > 1) {
            command.addAll(List.of("-untrusted", TestPki.write(dir.resolve("untrusted.pem"),
                    TestPki.pem(sent.subList(1, sent.size()).toArray())).toString()));
        }
        command.add(TestPki.write(dir.resolve("leaf.pem"), TestPki.pem(sent.get(0))).toString());
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), command);
        Matcher error = Pattern.compile("error \\d+ at \\d+ depth lookup: (.+)").matcher(result.all());
        return error.find() ? "FAILED:" + error.group(1).strip() : result.exitCode() == 0 ? "SUCCESS" : result.all();
    }
}
