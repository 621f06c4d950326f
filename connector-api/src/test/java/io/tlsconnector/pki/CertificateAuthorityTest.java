package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
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

import io.tlsconnector.TlsException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.config.KeySpec;

/**
 * CSRs (F15), self-signed certificates (F14) and an own CA (F16), checked by the real openssl:
 * {@code openssl req -verify} accepts the CSRs, {@code openssl verify -CAfile} the issued server and
 * client certificates, and a revoked certificate fails {@code -crl_check} (acceptance 1).
 */
class CertificateAuthorityTest {
    static final String CA_SECRET = "ca pass phrase";
    static final PassPhraseProvider CA_PASS = PassPhraseProvider.fixed(CA_SECRET.toCharArray());

    @TempDir
    static Path dir;
    static Path caDir;
    static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        caDir = dir.resolve("ca");
        CertificateAuthority.init(caDir, new CertificateSubject("Example Test CA", "/C=DE/O=Example", List.of()),
                KeySpec.ecP256(), CA_SECRET.toCharArray(), Duration.ofDays(3650));
        ca = CertificateAuthority.open(caDir, CA_PASS);
    }

    static Path request(String name, CertificateSubject subject) {
        KeyPair keys = PrivateKeys.generate(KeySpec.rsa2048());
        PrivateKeys.write(dir.resolve(name + ".key"), keys.getPrivate(), null);
        Path csr = dir.resolve(name + ".csr");
        CertificateRequest.create(keys, subject).write(csr);
        return csr;
    }

    static Path write(String name, X509Certificate certificate) {
        Path file = dir.resolve(name + ".crt");
        Certificates.write(file, List.of(certificate));
        return file;
    }

    @Nested
    class Requests {
        @Test
        void opensslVerifiesTheRequestAndShowsSubjectAndSans() {
            Path csr = request("www", new CertificateSubject("www.example.test", "/C=DE/O=Example",
                    CertificateSubject.parseSubjectAltNames("DNS:www.example.test,DNS:example.test,IP:127.0.0.1")));

            ExternalTool.Result verify = OpenSsl.ok("req", "-verify", "-noout", "-in", csr.toString());
            String text = OpenSsl.ok("req", "-noout", "-text", "-in", csr.toString()).stdout();

            assertThat(verify.all()).contains("verify OK");
            assertThat(text).contains("Subject: C = DE, O = Example, CN = www.example.test")
                    .contains("DNS:www.example.test, DNS:example.test, IP Address:127.0.0.1");
        }

        @Test
        void aCommonNameAloneBecomesTheOnlySubjectAltName() {
            Path csr = request("alone", CertificateSubject.of("alone.example.test"));
            assertThat(CertificateRequest.read(csr).subjectAltNames()).containsExactly("DNS:alone.example.test");
            OpenSsl.ok("req", "-verify", "-noout", "-in", csr.toString());
        }

        @Test
        void malformedNamesAreRefusedWithTheExpectedForm() {
            assertThatThrownBy(() -> new CertificateSubject(null, "C=DE", List.of()))
                    .hasMessage("subject 'C=DE' must be in OpenSSL's form /C=DE/O=Example/CN=name");
            assertThatThrownBy(() -> new CertificateSubject("www", "/CN=www", List.of()))
                    .hasMessage("the common name is given twice (--cn and CN= in the subject); give it once");
            assertThatThrownBy(() -> CertificateSubject.of("www", "IP:999.1.1.1"))
                    .hasMessage("subjectAltName 'IP:999.1.1.1' is not an IP address; write IP:192.0.2.1 or IP:2001:db8::1");
        }
    }

    @Nested
    class SelfSigned {
        @Test
        void opensslAcceptsTheSelfSignedCertificateAsItsOwnTrustAnchor() {
            KeyPair keys = PrivateKeys.generate(KeySpec.ecP256());
            Path cert = write("self", Certificates.selfSigned(keys, CertificateSubject.of("localhost", "DNS:localhost", "IP:127.0.0.1"),
                    Duration.ofDays(30)));

            assertThat(OpenSsl.ok("verify", "-CAfile", cert.toString(), cert.toString()).stdout()).contains(": OK");
            assertThat(OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-ext", "subjectAltName").stdout())
                    .contains("DNS:localhost, IP Address:127.0.0.1");
        }
    }

    @Nested
    class OwnCa {
        @Test
        void theCaCertificateIsACaAndItsKeyIsEncrypted() {
            Path caCert = caDir.resolve("ca.crt");
            String text = OpenSsl.ok("x509", "-in", caCert.toString(), "-noout", "-text").stdout();

            assertThat(text).contains("CA:TRUE").contains("Certificate Sign, CRL Sign");
            assertThat(OpenSsl.run("pkey", "-in", caDir.resolve("ca.key").toString(), "-noout", "-passin", "pass:").exitCode()).isNotZero();
            OpenSsl.ok("pkey", "-in", caDir.resolve("ca.key").toString(), "-noout", "-passin", "pass:" + CA_SECRET);
        }

        @Test
        void aSignedServerCertificateVerifiesForSslServerAndCarriesTheRequestedSans() throws Exception {
            Path csr = request("server", CertificateSubject.of("server.example.test", "DNS:server.example.test", "IP:127.0.0.1"));
            String serial = Files.readString(caDir.resolve("serial")).strip();

            Path cert = write("server", ca.sign(CertificateRequest.read(csr), CertificateAuthority.Usage.SERVER, Duration.ofDays(90)));

            assertThat(OpenSsl.ok("verify", "-purpose", "sslserver", "-CAfile", caDir.resolve("ca.crt").toString(), cert.toString())
                    .stdout()).isEqualTo(cert + ": OK\n");
            assertThat(OpenSsl.run("verify", "-purpose", "sslclient", "-CAfile", caDir.resolve("ca.crt").toString(), cert.toString())
                    .exitCode()).isNotZero();
            String text = OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-text").stdout();
            assertThat(text).contains("CA:FALSE").contains("TLS Web Server Authentication")
                    .contains("DNS:server.example.test, IP Address:127.0.0.1");
            assertThat(OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-serial").stdout()).isEqualTo("serial=" + serial + "\n");
            assertThat(Files.readString(caDir.resolve("index.txt"))).contains("\t" + serial + "\tunknown\t/CN=server.example.test\n");
            assertThat(caDir.resolve("certs").resolve(serial + ".pem")).exists();
        }

        @Test
        void aSignedClientCertificateVerifiesForSslClient() {
            Path csr = request("client", new CertificateSubject("Jane Doe", "/O=Example/OU=Staff", List.of("email:jane@example.test")));

            Path cert = write("client", ca.sign(CertificateRequest.read(csr), CertificateAuthority.Usage.CLIENT, Duration.ofDays(90)));

            OpenSsl.ok("verify", "-purpose", "sslclient", "-CAfile", caDir.resolve("ca.crt").toString(), cert.toString());
            assertThat(OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-text").stdout())
                    .contains("TLS Web Client Authentication").contains("email:jane@example.test");
        }

        @Test
        void aRequestMadeByOpensslIsSignedToo() {
            Path key = dir.resolve("openssl.key");
            Path csr = dir.resolve("openssl.csr");
            OpenSsl.ok("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                    "-out", csr.toString(), "-subj", "/O=Example/CN=openssl.example.test",
                    "-addext", "subjectAltName=DNS:openssl.example.test");

            Path cert = write("openssl", ca.sign(CertificateRequest.read(csr), CertificateAuthority.Usage.SERVER, Duration.ofDays(30)));

            OpenSsl.ok("verify", "-purpose", "sslserver", "-CAfile", caDir.resolve("ca.crt").toString(), cert.toString());
            assertThat(KeyMatch.check(cert, key, csr, PassPhraseProvider.NONE).matches()).isTrue();
        }

        @Test
        void aRevokedCertificateFailsTheCrlCheckWhileOthersPass() {
            Path good = write("good", ca.sign(CertificateRequest.read(request("good", CertificateSubject.of("good.example.test"))),
                    CertificateAuthority.Usage.SERVER, Duration.ofDays(30)));
            X509Certificate revoked = ca.sign(CertificateRequest.read(request("bad", CertificateSubject.of("bad.example.test"))),
                    CertificateAuthority.Usage.SERVER, Duration.ofDays(30));
            Path bad = write("bad", revoked);

            ca.revoke(revoked);
            ca.crl(Duration.ofDays(7));

            String caFile = caDir.resolve("ca.crt").toString();
            String crl = caDir.resolve("crl.pem").toString();
            ExternalTool.Result refused = OpenSsl.run("verify", "-crl_check", "-CAfile", caFile, "-CRLfile", crl, bad.toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.all()).contains("certificate revoked");
            OpenSsl.ok("verify", "-crl_check", "-CAfile", caFile, "-CRLfile", crl, good.toString());
            assertThat(ca.revokedSerials()).contains(revoked.getSerialNumber());
            assertThatThrownBy(() -> ca.revoke(revoked)).hasMessage("Certificate " + CaDatabase.hex(revoked.getSerialNumber())
                    + " (/CN=bad.example.test) is already revoked.");
        }

        @Test
        void mistakesNameTheDirectoryAndTheFix() {
            assertThatThrownBy(() -> CertificateAuthority.init(caDir, CertificateSubject.of("Again"), KeySpec.ecP256(),
                    "x".toCharArray(), Duration.ofDays(1)))
                    .isInstanceOf(TlsException.class)
                    .hasMessage("The directory " + caDir + " already holds a CA (ca.key/ca.crt); choose another directory, "
                            + "or remove it to start over (every certificate it issued then loses its issuer).");
            assertThatThrownBy(() -> CertificateAuthority.open(dir.resolve("nowhere"), CA_PASS))
                    .hasMessage("The directory " + dir.resolve("nowhere") + " is not a CA: ca.crt and ca.key are missing; create one with "
                            + "`tlsctl ca init --dir " + dir.resolve("nowhere") + " --cn \"Example CA\"`.");
            assertThatThrownBy(() -> ca.revoke(BigInteger.ONE))
                    .hasMessage("This CA (" + caDir + ") has not issued a certificate with serial 01; index.txt lists every serial it issued.");
            assertThatThrownBy(() -> ca.sign(CertificateRequest.read(request("long", CertificateSubject.of("long.example.test"))),
                    CertificateAuthority.Usage.SERVER, Duration.ofDays(5000)))
                    .hasMessageStartingWith("A certificate valid for 5000 days would outlive the CA certificate, which expires on ");
        }
    }
}
