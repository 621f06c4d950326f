package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.config.KeySpec;

/**
 * Keys move between this toolkit and openssl both ways (acceptance 1): openssl opens our encrypted
 * keys, we open every key openssl writes; pass-phrases change atomically (F17) and come off with a
 * warning and owner-only permissions (F18).
 */
class PrivateKeysTest {
    static final String SECRET = "correct horse battery staple";
    static final PassPhraseProvider RIGHT = PassPhraseProvider.fixed(SECRET.toCharArray());

    @TempDir
    Path dir;

    static Stream<Arguments> specs() {
        return Stream.of(Arguments.of(KeySpec.rsa2048(), "MODULUS"), Arguments.of(KeySpec.ec("P-384"), "SECP384R1"),
                Arguments.of(KeySpec.ecP256(), "PRIME256V1"), Arguments.of(KeySpec.ed25519(), "ED25519"));
    }

    @Nested
    class OpensslReadsOurKeys {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.pki.PrivateKeysTest#specs")
        void anEncryptedKeyOpensWithOpensslPkeyPassin(KeySpec spec, String opensslShows) throws Exception {
            KeyPair keys = PrivateKeys.generate(spec);
            Path file = dir.resolve("key.pem");
            PrivateKeys.write(file, keys.getPrivate(), SECRET.toCharArray());

            assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String text = OpenSsl.ok("pkey", "-in", file.toString(), "-passin", "pass:" + SECRET, "-noout", "-text").stdout();
            assertThat(text.toUpperCase()).contains(opensslShows);
            assertThat(OpenSsl.run("pkey", "-in", file.toString(), "-passin", "pass:wrong", "-noout").exitCode()).isNotZero();
            assertThat(OpenSsl.publicKeyFingerprint(file, false, "pass:" + SECRET))
                    .isEqualTo(KeyMatch.publicKeyFingerprint(keys.getPublic()));
        }

        @Test
        void anUnencryptedKeyOpensWithoutAPassPhrase() {
            Path file = dir.resolve("plain.pem");
            PrivateKeys.write(file, PrivateKeys.generate(KeySpec.ecP256()).getPrivate(), null);
            OpenSsl.ok("pkey", "-in", file.toString(), "-noout", "-passin", "pass:");
            assertThat(PrivateKeys.isEncrypted(file)).isFalse();
        }
    }

    @Nested
    class WeOpenKeysOpensslWrites {
        static Stream<Arguments> opensslKeys() {
            String pass = "pass:" + SECRET;
            return Stream.of(
                    Arguments.of("genrsa -des3 (PKCS#1, DES-EDE3-CBC)", new String[] {"genrsa", "-des3", "-traditional", "-passout", pass, "2048"}),
                    Arguments.of("genrsa -des3 (OpenSSL 3 default: PKCS#8 with DES-EDE3)", new String[] {"genrsa", "-des3", "-passout", pass, "2048"}),
                    Arguments.of("genrsa -aes256 (PKCS#8 v2)", new String[] {"genrsa", "-aes256", "-passout", pass, "2048"}),
                    Arguments.of("genpkey ec P-256", new String[] {"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"}),
                    Arguments.of("genpkey ec P-384 -aes256", new String[] {"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384",
                            "-aes256", "-pass", pass}),
                    Arguments.of("genpkey ed25519", new String[] {"genpkey", "-algorithm", "ED25519"}),
                    Arguments.of("ecparam -genkey (SEC1 with parameters)", new String[] {"ecparam", "-name", "prime256v1", "-genkey"}));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("opensslKeys")
        void theKeyOpensAndItsPublicKeyIsOpenssls(String what, String[] generate, @TempDir Path tmp) throws Exception {
            Path key = tmp.resolve("openssl.key");
            String[] command = new String[generate.length + 2];
            command[0] = generate[0];
            command[1] = "-out";
            command[2] = key.toString();
            System.arraycopy(generate, 1, command, 3, generate.length - 1);
            OpenSsl.ok(command);
            boolean encrypted = String.join(" ", generate).contains("pass:");

            PrivateKey opened = PrivateKeys.read(key, RIGHT);

            assertThat(PrivateKeys.isEncrypted(key)).isEqualTo(encrypted);
            assertThat(KeyMatch.publicKeyFingerprint(PrivateKeys.publicKey(opened)))
                    .isEqualTo(OpenSsl.publicKeyFingerprint(key, false, encrypted ? "pass:" + SECRET : null));
        }

        @Test
        void pkcs8V2FromAnRsaKeyOpens(@TempDir Path tmp) throws Exception {
            Path plain = tmp.resolve("plain.key");
            OpenSsl.ok("genrsa", "-out", plain.toString(), "2048");
            Path pkcs8 = tmp.resolve("pkcs8.key");
            OpenSsl.ok("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", pkcs8.toString(),
                    "-passout", "pass:" + SECRET);

            PrivateKey opened = PrivateKeys.read(pkcs8, RIGHT);

            assertThat(opened.getEncoded()).isEqualTo(PrivateKeys.read(plain, PassPhraseProvider.NONE).getEncoded());
        }
    }

    @Nested
    class ChangingThePassPhrase {
        @Test
        void theKeyOpensWithTheNewPassPhraseOnlyAndStaysOwnerOnly() throws Exception {
            KeyPair keys = PrivateKeys.generate(KeySpec.ecP256());
            Path file = dir.resolve("server.key");
            PrivateKeys.write(file, keys.getPrivate(), SECRET.toCharArray());

            PrivateKeys.changePassPhrase(file, RIGHT, "new secret".toCharArray());

            OpenSsl.ok("pkey", "-in", file.toString(), "-passin", "pass:new secret", "-noout");
            assertThat(OpenSsl.run("pkey", "-in", file.toString(), "-passin", "pass:" + SECRET, "-noout").exitCode()).isNotZero();
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("server.key");
            }
        }

        @Test
        void aWrongCurrentPassPhraseLeavesTheFileUntouched() throws Exception {
            Path file = dir.resolve("server.key");
            PrivateKeys.write(file, PrivateKeys.generate(KeySpec.ecP256()).getPrivate(), SECRET.toCharArray());
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> PrivateKeys.changePassPhrase(file, PassPhraseProvider.fixed("wrong".toCharArray()),
                    "new".toCharArray()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: " + file + ": the pass-phrase given for this encrypted private key is wrong: "
                            + "it does not decrypt it. Fix: give the pass-phrase the private key was encrypted with; "
                            + "`openssl pkey -noout -in " + file + "` checks one by hand.");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Nested
    class RemovingThePassPhrase {
        @Test
        void theCopyIsPlainOwnerOnlyAndTheWarningSaysWhy() throws Exception {
            Path encrypted = dir.resolve("server.key");
            PrivateKeys.write(encrypted, PrivateKeys.generate(KeySpec.rsa2048()).getPrivate(), SECRET.toCharArray());
            Path plain = dir.resolve("server.unsecure.key");

            String warning = PrivateKeys.removePassPhrase(encrypted, plain, RIGHT);

            assertThat(warning).isEqualTo("The private key in " + plain + " is NOT encrypted: anyone who can read the file can "
                    + "impersonate the server. It is readable by its owner only (0600); keep it so, and keep it off backups and shared disks.");
            assertThat(Files.getPosixFilePermissions(plain)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(plain)).startsWith("-----BEGIN PRIVATE KEY-----");
            OpenSsl.ok("pkey", "-in", plain.toString(), "-noout", "-passin", "pass:");
            assertThat(PrivateKeys.isEncrypted(encrypted)).isTrue();
        }
    }

    @Nested
    class KeySpecs {
        @Test
        void smallRsaKeysAreRefusedWithTheReason() {
            assertThatThrownBy(() -> KeySpec.rsa(1024)).hasMessage(
                    "RSA keys need 2048 to 16384 bits (F20: smaller keys are refused by current clients), not 1024");
        }

        @Test
        void unknownTypesAndCurvesNameTheChoices() {
            assertThatThrownBy(() -> KeySpec.parse("dsa", null, null)).hasMessage("unknown key type 'dsa'; use rsa, ec or ed25519");
            assertThatThrownBy(() -> KeySpec.ec("P-224")).hasMessage("unknown EC curve 'P-224'; use P-256, P-384 or P-521");
        }
    }
}
