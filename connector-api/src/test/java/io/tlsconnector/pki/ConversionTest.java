package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.config.KeySpec;

/**
 * Conversion between PEM, DER, PKCS#12 and JKS (F22), the key/certificate match (F19) and
 * inspection (F12, F23), checked against openssl where openssl has a say.
 */
class ConversionTest {
    static final String SECRET = "store secret";
    static final PassPhraseProvider PASS = PassPhraseProvider.fixed(SECRET.toCharArray());

    @TempDir
    static Path dir;
    static KeyPair keys;
    static X509Certificate certificate;
    static Path certFile;
    static Path keyFile;
    static Path both;

    @BeforeAll
    static void files() throws Exception {
        keys = PrivateKeys.generate(KeySpec.rsa2048());
        certificate = Certificates.selfSigned(keys, CertificateSubject.of("convert.example.test"), Duration.ofDays(30));
        certFile = dir.resolve("server.crt");
        keyFile = dir.resolve("server.key");
        Certificates.write(certFile, List.of(certificate));
        PrivateKeys.write(keyFile, keys.getPrivate(), SECRET.toCharArray());
        both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(certFile) + PrivateKeys.pem(keys.getPrivate(), null));
    }

    @Nested
    class Formats {
        @Test
        void pemToDerIsWhatOpensslX509OutformDerWrites() throws Exception {
            Path der = dir.resolve("server.der");
            Conversion.convert(certFile, der, Conversion.Format.DER, PassPhraseProvider.NONE, null, null);

            Path openssl = dir.resolve("openssl.der");
            OpenSsl.ok("x509", "-in", certFile.toString(), "-outform", "DER", "-out", openssl.toString());
            assertThat(Files.readAllBytes(der)).isEqualTo(Files.readAllBytes(openssl));
        }

        @Test
        void derBackToPemGivesTheSameCertificate() {
            Path der = dir.resolve("back.der");
            Path pem = dir.resolve("back.pem");
            Conversion.convert(certFile, der, Conversion.Format.DER, PassPhraseProvider.NONE, null, null);
            Conversion.convert(der, pem, Conversion.Format.PEM, PassPhraseProvider.NONE, null, null);
            assertThat(Certificates.read(pem)).containsExactly(certificate);
        }

        @Test
        void pemToPkcs12OpensWithOpensslAndBack() {
            Path p12 = dir.resolve("server.p12");
            Conversion.convert(both, p12, Conversion.Format.PKCS12, PassPhraseProvider.NONE, SECRET.toCharArray(), "www");

            OpenSsl.ok("pkcs12", "-in", p12.toString(), "-noout", "-passin", "pass:" + SECRET);
            Conversion.Contents contents = Conversion.read(p12, PASS);
            assertThat(contents.certificates()).containsExactly(certificate);
            assertThat(contents.privateKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        }

        @Test
        void aPkcs12MadeByOpensslConvertsToPemAndJks() {
            Path p12 = dir.resolve("openssl.p12");
            OpenSsl.ok("pkcs12", "-export", "-in", certFile.toString(), "-inkey", keyFile.toString(), "-passin", "pass:" + SECRET,
                    "-out", p12.toString(), "-passout", "pass:" + SECRET);
            Path pem = dir.resolve("from-p12.pem");
            Path jks = dir.resolve("from-p12.jks");

            Conversion.convert(p12, pem, Conversion.Format.PEM, PASS, null, null);
            Conversion.convert(p12, jks, Conversion.Format.JKS, PASS, SECRET.toCharArray(), null);

            assertThat(Certificates.read(pem)).containsExactly(certificate);
            assertThat(PrivateKeys.read(pem, PassPhraseProvider.NONE).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
            assertThat(Conversion.read(jks, PASS).certificates()).containsExactly(certificate);
        }

        @Test
        void derOfAChainAndKeyStoresWithoutPasswordAreRefusedWithTheFix() {
            Path chain = dir.resolve("chain.pem");
            Certificates.write(chain, List.of(certificate, certificate));
            assertThatThrownBy(() -> Conversion.convert(chain, dir.resolve("x.der"), Conversion.Format.DER, PassPhraseProvider.NONE, null, null))
                    .hasMessage("DER holds one object, but " + chain + " holds 2 certificates; split the chain, or convert to pem "
                            + "or pkcs12 which hold a whole chain.");
            assertThatThrownBy(() -> Conversion.convert(both, dir.resolve("x.p12"), Conversion.Format.PKCS12, PassPhraseProvider.NONE, null, null))
                    .hasMessage("A PKCS12 key store needs a password to protect it; give one for " + dir.resolve("x.p12") + ".");
            assertThatThrownBy(() -> Conversion.Format.parse("p7b")).hasMessage("unknown format 'p7b'; use pem, der, pkcs12 or jks");
        }
    }

    @Nested
    class Match {
        @Test
        void matchingFilesPrintTheFingerprintOpensslComputes() throws Exception {
            Path csr = dir.resolve("server.csr");
            CertificateRequest.create(keys, CertificateSubject.of("convert.example.test")).write(csr);

            KeyMatch match = KeyMatch.check(certFile, keyFile, csr, PASS);

            String fingerprint = OpenSsl.publicKeyFingerprint(certFile, true, null);
            assertThat(match.matches()).isTrue();
            assertThat(match.items()).extracting(KeyMatch.Item::fingerprint).containsOnly(fingerprint);
            assertThat(match.report()).isEqualTo(String.format("certificate  %s  %s%nkey          %s  %s%nrequest      %s  %s%n"
                    + "OK: all files carry the same public key%n", fingerprint, certFile, fingerprint, keyFile, fingerprint, csr));
        }

        @Test
        void anotherKeyIsAMismatch() {
            Path other = dir.resolve("other.key");
            PrivateKeys.write(other, PrivateKeys.generate(KeySpec.rsa2048()).getPrivate(), null);

            KeyMatch match = KeyMatch.check(certFile, other, null, PassPhraseProvider.NONE);

            assertThat(match.matches()).isFalse();
            assertThat(match.report()).endsWith(String.format("MISMATCH: the files carry different public keys; a certificate works "
                    + "only with the key its request was made from%n"));
        }
    }

    @Nested
    class Inspect {
        @Test
        void aCertificateShowsSubjectSansValidityKeyAndHash() {
            String text = Inspection.inspect(certFile, PassPhraseProvider.NONE);

            assertThat(text).contains("  Subject:      CN=convert.example.test\n")
                    .contains("  Issuer:       CN=convert.example.test (self-signed)\n")
                    .contains("  SANs:         DNS:convert.example.test\n")
                    .contains("  Key:          RSA 2048 bits, public key " + KeyMatch.publicKeyFingerprint(keys.getPublic()) + "\n")
                    .contains("  Subject hash: " + SubjectHash.of(certificate) + " (old " + SubjectHash.old(certificate) + ")\n")
                    .containsPattern("Validity: +\\S+ to \\S+ \\(expires in 2\\d days\\)");
        }

        @Test
        void aChainOutOfOrderIsReportedWithTheFix() {
            io.tlsconnector.testing.TestPki pki = io.tlsconnector.testing.TestPki.create();
            io.tlsconnector.testing.TestPki.Issued leaf = pki.issueServer("leaf.example.test", "leaf.example.test");
            Path good = dir.resolve("good-chain.pem");
            Path bad = dir.resolve("bad-chain.pem");
            Certificates.write(good, List.of(leaf.certificate(), pki.intermediateCertificate(), pki.rootCertificate()));
            Certificates.write(bad, List.of(leaf.certificate(), pki.rootCertificate(), pki.intermediateCertificate()));

            assertThat(Inspection.inspect(good, PassPhraseProvider.NONE)).contains("Chain order: OK, each certificate is followed by its issuer");
            assertThat(Inspection.inspect(bad, PassPhraseProvider.NONE)).contains("Chain order: the certificate chain is out of order: "
                    + "certificate #1 (O=tls-connector tests,CN=leaf.example.test) is followed by O=tls-connector tests,CN=Test Root CA, "
                    + "but its issuer O=tls-connector tests,CN=Test Intermediate CA is certificate #3. Fix: list the leaf first, "
                    + "then each certificate's issuer directly after it, up to the root.");
        }

        @Test
        void anEncryptedKeyIsDescribedWithoutItsPassPhraseAndFullyWithIt() {
            assertThat(Inspection.inspect(keyFile, PassPhraseProvider.NONE)).isEqualTo("Private key: encrypted (give a pass-phrase to see its type)\n");
            assertThat(Inspection.inspect(keyFile, PASS)).isEqualTo("Private key: RSA 2048 bits, encrypted, public key "
                    + KeyMatch.publicKeyFingerprint(keys.getPublic()) + "\n");
        }

        @Test
        void aRequestShowsItsSansAndSignature() {
            Path csr = dir.resolve("inspect.csr");
            CertificateRequest.create(PrivateKeys.generate(KeySpec.ecP256()),
                    CertificateSubject.of("inspect.example.test", "DNS:inspect.example.test", "IP:127.0.0.1")).write(csr);
            assertThat(Inspection.inspect(csr, PassPhraseProvider.NONE)).contains("Certificate request\n")
                    .contains("  Key:          EC P-256 (prime256v1)")
                    .contains("  SANs:         DNS:inspect.example.test, IP:127.0.0.1\n").contains("  Signature:    valid\n");
        }
    }
}
