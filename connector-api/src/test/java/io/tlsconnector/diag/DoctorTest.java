package io.tlsconnector.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException.Problem;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.TestPki;

/** {@code tlsctl doctor} runs the start-up checks on files and prints each problem with its fix (F9). */
class DoctorTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued server;
    static Path fullChain;
    static Path key;
    static Path root;

    @BeforeAll
    static void files() throws Exception {
        pki = TestPki.create();
        server = pki.issueServer("www.example.test", "www.example.test");
        fullChain = server.writeFullChain(dir, "www");
        key = server.writeKey(dir, "www");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        root = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
    }

    static List<Problem> check(Path certificate, Path privateKey, Path chain, Path ca) {
        return Doctor.check(new Doctor.Files(certificate, privateKey, chain, ca), PassPhraseProvider.NONE);
    }

    @Nested
    class GoodFiles {
        @Test
        void passEveryCheckIncludingTheCa() {
            List<Problem> problems = check(fullChain, key, null, root);
            assertThat(problems).isEmpty();
            assertThat(Doctor.report(problems)).isEqualTo("OK: every start-up check passed" + System.lineSeparator());
        }
    }

    @Nested
    class BadFiles {
        @Test
        void aKeyOfAnotherCertificateIsNamedWithTheStartUpMessage() {
            Path otherKey = pki.issueServer("other.example.test").writeKey(dir, "other");
            ownerOnly(otherKey);

            List<Problem> problems = check(fullChain, otherKey, null, null);

            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).source()).isEqualTo(otherKey.toString());
            assertThat(problems.get(0).problem()).startsWith("this private key does not match the certificate in " + fullChain);
            assertThat(Doctor.report(problems)).startsWith("PROBLEM " + otherKey + ": this private key does not match")
                    .contains(System.lineSeparator() + "    fix: pair the certificate with the key its request was made from")
                    .endsWith("1 problem(s); a server would refuse to start" + System.lineSeparator());
        }

        @Test
        void aMissingIntermediateAndAnUntrustedCaAreBothReported() {
            Path leafOnly = server.writeCertificate(dir, "leaf-only");
            Path otherRoot = TestPki.write(dir.resolve("other-root.pem"), TestPki.pem(TestPki.create().rootCertificate()));

            List<Problem> problems = check(leafOnly, key, null, otherRoot);

            assertThat(problems).extracting(Problem::source).containsExactly(otherRoot.toString());
            assertThat(problems.get(0).problem()).startsWith("the certificate chain does not lead to a CA in this file: ");
            assertThat(problems.get(0).fix()).isEqualTo("add the missing intermediate to the chain (SSLCertificateChainFile), "
                    + "or check that clients trust this CA (F23).");
        }

        @Test
        void anExpiredCertificateAndAKeyReadableByOthersAreWarnedAbout() throws Exception {
            TestPki.Issued expired = pki.issue(TestPki.ecKeyPair(), "old.example.test", List.of("old.example.test"), Duration.ofMinutes(-30));
            Path cert = expired.writeFullChain(dir, "old");
            Path oldKey = expired.writeKey(dir, "old");
            Files.setPosixFilePermissions(oldKey, PosixFilePermissions.fromString("rw-r--r--"));

            List<Problem> problems = check(cert, oldKey, null, null);

            assertThat(problems).extracting(Problem::problem).anyMatch(p -> p.startsWith("warning: the certificate expired on "))
                    .contains("warning: the unencrypted private key is readable by group or others.");
            assertThat(Doctor.refusesToStart(problems)).as("the server only warns about both").isFalse();
            assertThat(Doctor.exitStatus(problems)).isEqualTo(2);
            assertThat(problems).extracting(Problem::fix).contains("chmod 600 " + oldKey
                    + " (owner only), or encrypt it with a pass-phrase (tlsctl passwd) (F18).");
        }

        @Test
        void aMissingFileIsReportedAsAtStartUp() {
            Path missing = dir.resolve("missing.crt");
            List<Problem> problems = check(missing, key, null, null);
            assertThat(problems).extracting(Problem::source).contains(missing.toString());
            assertThat(problems).extracting(Problem::problem).contains("cannot read the certificate file: no such file.");
        }
    }

    static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
