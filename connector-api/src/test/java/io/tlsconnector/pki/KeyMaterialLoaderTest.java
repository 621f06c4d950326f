package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TestSecrets;
import io.tlsconnector.testing.UnprivilegedJvm;

/**
 * Every key and certificate format an operator brings from httpd opens, and every broken file is
 * reported with its path and the fix (F2, F19, F22, F23). Encrypted files are written by the real
 * {@code openssl} command, the way operators produce them.
 */
class KeyMaterialLoaderTest {
    static final String SECRET = TestSecrets.passPhrase("loader");
    static final PassPhraseProvider RIGHT = PassPhraseProvider.fixed(SECRET.toCharArray());
    static final String NOPE = TestSecrets.passPhrase("loader-nope");
    static final String HOST = "www.example.test";

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued rsa;
    static TestPki.Issued ec;
    static Path rsaCert;
    static Path rsaFullChain;
    static Path rsaChain;
    static Path rsaKey;
    static Path ecFullChain;
    static Path ecKey;

    @BeforeAll
    static void files() {
        pki = TestPki.create();
        rsa = pki.issueServerRsa(HOST, HOST);
        ec = pki.issueServer(HOST, HOST);
        rsaCert = rsa.writeCertificate(dir, "rsa");
        rsaFullChain = rsa.writeFullChain(dir, "rsa");
        rsaChain = rsa.writeChain(dir, "rsa");
        rsaKey = rsa.writeKey(dir, "rsa");
        ecFullChain = ec.writeFullChain(dir, "ec");
        ecKey = ec.writeKey(dir, "ec");
    }

    static KeyMaterial load(CertificateSource source, PassPhraseProvider passPhrases) {
        return KeyMaterialLoader.load(source, HOST, passPhrases);
    }

    static Path openssl(String name, String... arguments) {
        Path out = dir.resolve(name);
        // -out right after the subcommand: genrsa wants its key size last.
        List<String> command = new ArrayList<>(List.of("openssl", arguments[0], "-out", out.toString()));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        ExternalTool.Result result = ExternalTool.run(command.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s\n%s", command, result.all()).isZero();
        return out;
    }

    static String dn(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    static String text(Path file) throws Exception {
        return Files.readString(file);
    }

    @Nested
    class FormatsThatOpen {
        static Stream<Arguments> rsaKeyFiles() throws Exception {
            String pass = "pass:" + SECRET;
            return Stream.of(
                    Arguments.of("PKCS#8 plain (BEGIN PRIVATE KEY)", rsaKey, "BEGIN PRIVATE KEY"),
                    Arguments.of("PKCS#1 plain (BEGIN RSA PRIVATE KEY)",
                            openssl("rsa-pkcs1.key", "pkey", "-in", rsaKey.toString(), "-traditional"), "BEGIN RSA PRIVATE KEY"),
                    Arguments.of("PKCS#1 encrypted DES-EDE3-CBC (openssl rsa -des3 -traditional)",
                            openssl("rsa-des3.key", "rsa", "-in", rsaKey.toString(), "-des3", "-traditional", "-passout", pass),
                            "DEK-Info: DES-EDE3-CBC"),
                    Arguments.of("PKCS#1 encrypted AES-256-CBC (openssl rsa -aes256 -traditional)",
                            openssl("rsa-aes256.key", "rsa", "-in", rsaKey.toString(), "-aes256", "-traditional", "-passout", pass),
                            "DEK-Info: AES-256-CBC"),
                    Arguments.of("PKCS#8 encrypted (openssl pkcs8 -topk8 -v2 aes-256-cbc)",
                            openssl("rsa-pkcs8-aes.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", rsaKey.toString(),
                                    "-passout", pass), "BEGIN ENCRYPTED PRIVATE KEY"),
                    Arguments.of("PKCS#8 DER", openssl("rsa.der.key", "pkey", "-in", rsaKey.toString(), "-outform", "DER"), null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rsaKeyFiles")
        void rsaKeyFormatsOpenWithTheirCertificate(String format, Path keyFile, String marker) throws Exception {
            if (marker != null) {
                assertThat(text(keyFile)).as("file written by openssl").contains(marker);
            }
            KeyMaterial material = load(CertificateSource.pem(rsaFullChain, keyFile), RIGHT);
            assertThat(material.keyType()).isEqualTo("RSA");
            assertThat(material.chain()).containsExactlyElementsOf(rsa.fullChain());
            assertThat(material.privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
        }

        @Test
        void keyWrittenByOpensslGenrsaDes3OpensWithItsSelfSignedCertificate() throws Exception {
            Path key = openssl("genrsa.key", "genrsa", "-des3", "-traditional", "-passout", "pass:" + SECRET, "2048");
            assertThat(text(key)).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: DES-EDE3-CBC");
            Path cert = openssl("genrsa.crt", "req", "-new", "-x509", "-key", key.toString(), "-passin", "pass:" + SECRET,
                    "-subj", "/CN=" + HOST, "-days", "2");
            KeyMaterial material = load(CertificateSource.pem(cert, key), RIGHT);
            assertThat(dn(material.leaf())).isEqualTo("CN=" + HOST);
        }

        @Test
        void ecKeyInSec1FormWithItsParametersBlockOpens() throws Exception {
            Path sec1 = openssl("ec-sec1.key", "pkey", "-in", ecKey.toString(), "-traditional");
            Path params = openssl("ec.params", "ecparam", "-name", "prime256v1");
            // openssl ecparam -genkey writes the parameters block first; it must be skipped.
            Path withParams = TestPki.write(dir.resolve("ec-with-params.key"), text(params) + text(sec1));
            assertThat(text(withParams)).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
            KeyMaterial material = load(CertificateSource.pem(ecFullChain, withParams), PassPhraseProvider.NONE);
            assertThat(material.keyType()).isEqualTo("EC");
        }

        @Test
        void encryptedEcKeyOpens() {
            Path key = openssl("ec-aes.key", "ec", "-in", ecKey.toString(), "-aes256", "-passout", "pass:" + SECRET);
            assertThat(load(CertificateSource.pem(ecFullChain, key), RIGHT).keyType()).isEqualTo("EC");
        }

        @Test
        void chainInASeparateFileIsAppendedAfterTheLeaf() {
            KeyMaterial material = load(CertificateSource.pem(rsaCert, rsaKey).withChain(rsaChain), PassPhraseProvider.NONE);
            assertThat(material.chain()).containsExactly(rsa.certificate(), pki.intermediateCertificate());
        }

        @Test
        void derCertificateOpens() {
            Path der = openssl("rsa.der.crt", "x509", "-in", rsaCert.toString(), "-outform", "DER");
            KeyMaterial material = load(CertificateSource.pem(der, rsaKey).withChain(rsaChain), PassPhraseProvider.NONE);
            assertThat(material.leaf()).isEqualTo(rsa.certificate());
        }

        @Test
        void pkcs12WrittenByOpensslOpensWithThePassPhrase() {
            Path p12 = openssl("server.p12", "pkcs12", "-export", "-inkey", rsaKey.toString(), "-in", rsaCert.toString(),
                    "-certfile", rsaChain.toString(), "-passout", "pass:" + SECRET);
            List<PassPhraseRequest> asked = new ArrayList<>();
            KeyMaterial material = load(CertificateSource.keyStore(p12, "PKCS12"), request -> {
                asked.add(request);
                return SECRET.toCharArray();
            });
            assertThat(material.chain()).containsExactly(rsa.certificate(), pki.intermediateCertificate());
            assertThat(asked).containsExactly(new PassPhraseRequest(HOST, p12, "UNK", 1));
        }

        @Test
        void pkcs12WithoutPasswordOpensWithoutAsking() {
            Path p12 = openssl("nopass.p12", "pkcs12", "-export", "-inkey", ecKey.toString(), "-in", ecFullChain.toString(),
                    "-passout", "pass:");
            KeyMaterial material = load(CertificateSource.keyStore(p12, "PKCS12"), request -> {
                throw new AssertionError("a store without a password must not ask");
            });
            assertThat(material.keyType()).isEqualTo("EC");
        }

        @Test
        void jksOpensAndANamedAliasIsUsed() throws Exception {
            Path jks = dir.resolve("server.jks");
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setKeyEntry("ec", ec.privateKey(), SECRET.toCharArray(), ec.fullChain().toArray(X509Certificate[]::new));
            store.setKeyEntry("rsa", rsa.privateKey(), SECRET.toCharArray(), rsa.fullChain().toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(jks)) {
                store.store(out, SECRET.toCharArray());
            }
            assertThat(load(CertificateSource.keyStore(jks, "JKS").withAlias("rsa"), RIGHT).keyType()).isEqualTo("RSA");
            assertThat(load(CertificateSource.keyStore(jks, "JKS"), RIGHT).keyType()).as("first alias in order").isEqualTo("EC");
            assertThatThrownBy(() -> load(CertificateSource.keyStore(jks, "JKS").withAlias("dsa"), RIGHT))
                    .hasMessageContaining("has no key entry named 'dsa'; its key entries are [ec, rsa]");
        }

        @Test
        void passPhraseRequestNamesTheHostTheKeyAndItsAlgorithm() {
            Path key = dir.resolve("rsa-aes256.key");
            if (!Files.exists(key)) {
                openssl("rsa-aes256.key", "rsa", "-in", rsaKey.toString(), "-aes256", "-traditional", "-passout", "pass:" + SECRET);
            }
            List<PassPhraseRequest> asked = new ArrayList<>();
            load(CertificateSource.pem(rsaFullChain, key), request -> {
                asked.add(request);
                return SECRET.toCharArray();
            });
            assertThat(asked).containsExactly(new PassPhraseRequest(HOST, key, "RSA", 1));
        }

        @Test
        void keyMaterialNeverPrintsTheKey() {
            KeyMaterial material = load(CertificateSource.pem(rsaFullChain, rsaKey), PassPhraseProvider.NONE);
            assertThat(material.toString()).contains("privateKey=****").doesNotContain(rsa.privateKey().toString());
        }
    }

    @Nested
    class ProblemsNameTheFileAndTheFix {
        @Test
        void missingFilesAreNamedWithTheOsReason() {
            Path cert = dir.resolve("missing.crt");
            Path key = dir.resolve("no-such-dir/missing.key");
            assertThatThrownBy(() -> load(CertificateSource.pem(cert, key), RIGHT))
                    .isInstanceOfSatisfying(TlsConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                    .hasMessageContaining("virtual host '" + HOST + "', " + cert + ": cannot read the certificate file: no such file.")
                    .hasMessageContaining(key + ": cannot read the private key file: its directory " + key.getParent()
                            + " does not exist.")
                    .hasMessageContaining("Fix: check the path");
        }

        @Test
        void aDirectoryIsNotACertificate() {
            assertThatThrownBy(() -> load(CertificateSource.pem(dir, rsaKey), RIGHT))
                    .hasMessageContaining(dir + ": cannot read the certificate file: it is a directory.")
                    .hasMessageContaining("Fix: name the certificate file itself");
        }

        @Test
        void anUnreadableFileNamesTheUserAndTheFix(@TempDir Path ownerOnly) throws Exception {
            // Root reads a file of mode 000, so as root the load runs in a child JVM as an unprivileged user.
            Path area = UnprivilegedJvm.worldReadable(ownerOnly);
            Path cert = Files.copy(rsaFullChain, area.resolve("readable.crt"));
            Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-r--r--"));
            Path locked = Files.copy(rsaKey, area.resolve("locked.key"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            String message;
            String user;
            if (UnprivilegedJvm.runningAsRoot()) {
                ExternalTool.require("setpriv");
                ExternalTool.Result probe = UnprivilegedJvm.run(area, KeyMaterialProbe.class, List.of(KeyMaterialProbe.class,
                        KeyMaterialLoader.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class,
                        org.bouncycastle.openssl.PEMParser.class, org.bouncycastle.asn1.pkcs.PrivateKeyInfo.class,
                        org.slf4j.LoggerFactory.class), cert.toString(), locked.toString());
                message = probe.all();
                user = UnprivilegedJvm.USER;
            } else {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> load(CertificateSource.pem(cert, locked), RIGHT));
                message = String.valueOf(thrown.getMessage());
                user = System.getProperty("user.name");
            }
            assertThat(message)
                    .contains(locked + ": cannot read the private key file: permission denied for user '" + user + "'")
                    .contains("every parent directory searchable")
                    .doesNotContain(cert.toString());
        }

        @Test
        void aWrongPassPhraseNamesTheKeyFileButNeverThePassPhrase() {
            String wrong = TestSecrets.passPhrase("loader-wrong");
            Path des3 = openssl("wrong-des3.key", "rsa", "-in", rsaKey.toString(), "-des3", "-traditional",
                    "-passout", "pass:" + SECRET);
            Path pkcs8 = openssl("wrong-pkcs8.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", rsaKey.toString(),
                    "-passout", "pass:" + SECRET);
            for (Path key : List.of(des3, pkcs8)) {
                assertThatThrownBy(() -> load(CertificateSource.pem(rsaFullChain, key), PassPhraseProvider.fixed(wrong.toCharArray())))
                        .hasMessage("TLS configuration problem: virtual host '" + HOST + "', " + key
                                + ": the pass-phrase given for this encrypted private key is wrong: it does not decrypt it."
                                + " Fix: give the pass-phrase the private key was encrypted with; `openssl pkey -noout -in "
                                + key + "` checks one by hand.")
                        .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong).doesNotContain(SECRET));
            }
        }

        @Test
        void aWrongKeyStorePasswordNamesTheStore() {
            Path p12 = openssl("wrong.p12", "pkcs12", "-export", "-inkey", rsaKey.toString(), "-in", rsaCert.toString(),
                    "-passout", "pass:" + SECRET);
            assertThatThrownBy(() -> load(CertificateSource.keyStore(p12, "PKCS12"), PassPhraseProvider.fixed(NOPE.toCharArray())))
                    .hasMessageContaining(p12 + ": the pass-phrase given for this encrypted key store is wrong")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(NOPE).doesNotContain(SECRET));
        }

        @Test
        void anEncryptedKeyWithoutAProviderSaysHowToConfigureOne() {
            Path key = openssl("noprovider.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", ecKey.toString(),
                    "-passout", "pass:" + SECRET);
            assertThatThrownBy(() -> load(CertificateSource.pem(ecFullChain, key), PassPhraseProvider.NONE))
                    .hasMessageContaining(key + ": the private key is encrypted, but no pass-phrase is available for it.")
                    .hasMessageContaining("passPhraseProvider(...)");
        }

        @Test
        void aKeyThatDoesNotMatchItsCertificateNamesBothFiles() {
            assertThatThrownBy(() -> load(CertificateSource.pem(rsaFullChain, ecKey), RIGHT))
                    .hasMessageContaining("virtual host '" + HOST + "', " + ecKey + ": this private key does not match the certificate in "
                            + rsaFullChain)
                    .hasMessageContaining("SHA-256 " + io.tlsconnector.pki.Certificates.fingerprint(rsa.certificate()))
                    .hasMessageContaining("openssl pkey -pubout -in KEY");
            TestPki.Issued otherRsa = pki.issueServerRsa(HOST, HOST);
            Path otherKey = otherRsa.writeKey(dir, "other-rsa");
            assertThatThrownBy(() -> load(CertificateSource.pem(rsaFullChain, otherKey), RIGHT))
                    .hasMessageContaining(otherKey + ": this private key does not match the certificate in " + rsaFullChain);
            Path otherEcKey = pki.issueServer(HOST, HOST).writeKey(dir, "other-ec");
            assertThatThrownBy(() -> load(CertificateSource.pem(ecFullChain, otherEcKey), RIGHT))
                    .hasMessageContaining(otherEcKey + ": this private key does not match the certificate in " + ecFullChain);
        }

        @Test
        void aChainWithAMissingIntermediateNamesTheMissingIssuer() {
            Path leafAndRoot = TestPki.write(dir.resolve("leaf-root.crt"), TestPki.pem(rsa.certificate(), pki.rootCertificate()));
            assertThatThrownBy(() -> load(CertificateSource.pem(leafAndRoot, rsaKey), RIGHT))
                    .hasMessageContaining(leafAndRoot + ": the certificate chain does not lead from the leaf towards a root: "
                            + "certificate #1 (" + dn(rsa.certificate()) + ") was issued by "
                            + dn(pki.intermediateCertificate()) + ", which is missing")
                    .hasMessageContaining("insert the intermediate certificate of " + dn(pki.intermediateCertificate()));
        }

        @Test
        void aChainOutOfOrderIsReported() {
            Path chainFile = TestPki.write(dir.resolve("reversed-chain.crt"),
                    TestPki.pem(pki.rootCertificate(), pki.intermediateCertificate()));
            assertThatThrownBy(() -> load(CertificateSource.pem(rsaCert, rsaKey).withChain(chainFile), RIGHT))
                    .hasMessageContaining(rsaCert + " + " + chainFile + ": the certificate chain is out of order: certificate #1 ("
                            + dn(rsa.certificate()) + ") is followed by " + dn(pki.rootCertificate())
                            + ", but its issuer " + dn(pki.intermediateCertificate()) + " is certificate #3.");
        }

        @Test
        void anIntermediateOfTheSameNameThatDidNotSignTheLeafIsReported() {
            TestPki impostor = TestPki.create(); // same DNs, different keys
            Path chainFile = TestPki.write(dir.resolve("impostor-chain.crt"), TestPki.pem(impostor.intermediateCertificate()));
            assertThatThrownBy(() -> load(CertificateSource.pem(rsaCert, rsaKey).withChain(chainFile), RIGHT))
                    .hasMessageContaining("certificate #1 (" + dn(rsa.certificate()) + ") names " + dn(pki.intermediateCertificate())
                            + " as its issuer, but certificate #2 of that name did not sign it");
        }

        @Test
        void filesThatHoldSomethingElseSaySo() {
            Path notACert = TestPki.write(dir.resolve("notes.txt"), "just some notes\n");
            assertThatThrownBy(() -> load(CertificateSource.pem(notACert, rsaCert), RIGHT))
                    .isInstanceOfSatisfying(TlsConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                    .hasMessageContaining(notACert + ": holds no certificate")
                    .hasMessageContaining(rsaCert + ": holds no private key.");
        }

        @Test
        void anUnknownKeyStoreTypeIsNamed() {
            assertThatThrownBy(() -> load(CertificateSource.keyStore(rsaKey, "PKCS13"), RIGHT))
                    .hasMessageContaining(rsaKey + ": the key store type 'PKCS13' is not known to this JVM.");
        }
    }
}
