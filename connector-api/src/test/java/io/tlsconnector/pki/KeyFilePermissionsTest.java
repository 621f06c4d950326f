package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TestSecrets;

/** F18: start-up warns when an unencrypted private key can be read by others than its owner. */
class KeyFilePermissionsTest {
    static final String HOST = "perm.example.test";

    @TempDir
    Path dir;

    @Nested
    class UnencryptedKeys {
        @Test
        void aKeyItsGroupOrOthersMayReadIsWarnedAbout() throws Exception {
            TestPki.Issued issued = TestPki.create().issueServer(HOST, HOST);
            Path key = issued.writeKey(dir, "open");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
            try (LogCapture log = LogCapture.start()) {
                KeyMaterialLoader.load(CertificateSource.pem(issued.writeFullChain(dir, "open"), key), HOST, PassPhraseProvider.NONE);
                assertThat(log.text()).contains("WARN io.tlsconnector.pki.KeyMaterialLoader - Virtual host '" + HOST + "': the private key "
                        + key + " is not encrypted and can be read by its group or by others (rw-r-----); make it readable by the "
                        + "server's user only (chmod 600 " + key + ") or encrypt it with a pass-phrase (F18)");
            }
        }

        @Test
        void anOwnerOnlyKeyIsNot() throws Exception {
            TestPki.Issued issued = TestPki.create().issueServer(HOST, HOST);
            Path key = issued.writeKey(dir, "closed");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            try (LogCapture log = LogCapture.start()) {
                KeyMaterialLoader.load(CertificateSource.pem(issued.writeFullChain(dir, "closed"), key), HOST, PassPhraseProvider.NONE);
                assertThat(log.text()).doesNotContain("is not encrypted and can be read");
            }
        }
    }

    @Nested
    class EncryptedKeys {
        @Test
        void anEncryptedKeyIsNotWarnedAboutWhateverItsPermissions() throws Exception {
            TestPki.Issued issued = TestPki.create().issueServer(HOST, HOST);
            String secret = TestSecrets.passPhrase("perm");
            Path key = TestSecrets.writeEncryptedKey(issued.privateKey(), dir.resolve("encrypted.key"), secret);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
            try (LogCapture log = LogCapture.start()) {
                KeyMaterial material = KeyMaterialLoader.load(CertificateSource.pem(issued.writeFullChain(dir, "encrypted"), key), HOST,
                        PassPhraseProvider.fixed(secret.toCharArray()));
                assertThat(material.privateKey()).isEqualTo(issued.privateKey());
                assertThat(log.text()).doesNotContain("is not encrypted and can be read");
            }
        }
    }
}
