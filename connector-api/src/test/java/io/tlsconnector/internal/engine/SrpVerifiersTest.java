package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.testing.ExternalTool;

/**
 * The verifier file {@code openssl srp} writes (F35), read as OpenSSL's {@code SRP_VBASE_init} reads it,
 * checked against the binary: each verifier is the one RFC 5054 derives from the user's password, salt and
 * group, and the SRP base64 of every number re-encodes to the text OpenSSL wrote.
 */
class SrpVerifiersTest {
    static final String SEED = "unknown-user seed";
    /** {@code SRP_RANDOM_SALT_LEN}: the salt {@code openssl srp} draws for a new user. */
    static final int OPENSSL_SALT_BYTES = 20;
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void writeWithOpenssl() throws Exception {
        ExternalTool.require("openssl");
        file = Files.createFile(dir.resolve("passwd.srpv"));
        srp("-add", "-passout", "pass:alice-pw", "alice");
        srp("-add", "-gn", "1536", "-userinfo", "Bob B", "-passout", "pass:bob-pw", "bob");
        srp("-add", "-gn", "1024", "-passout", "pass:carol-pw", "carol");
        srp("-delete", "carol");
    }

    private static void srp(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl", "srp", "-srpvfile", file.toString()));
        command.addAll(List.of(args));
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(60), command);
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    static BigInteger verifier(SRP6GroupParameters group, byte[] salt, String user, String password) {
        SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
        generator.init(group, new SHA1Digest());
        return generator.generateVerifier(salt, user.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class WhatOpensslWrote {
        @Test
        void eachUsersVerifierIsTheOneItsPasswordSaltAndGroupGive() {
            SrpVerifiers verifiers = SrpVerifiers.read("srp.test", file, null, new SecureRandom());
            assertThat(verifiers.size()).as("carol was revoked").isEqualTo(2);
            SrpVerifiers.Login alice = verifiers.lookup("alice").orElseThrow();
            assertThat(alice.n()).as("openssl srp's default group").isEqualTo(SRP6StandardGroups.rfc5054_8192.getN());
            assertThat(alice.g()).isEqualTo(BigInteger.valueOf(19));
            assertThat(alice.verifier()).isEqualTo(verifier(SRP6StandardGroups.rfc5054_8192, alice.salt(), "alice", "alice-pw"));
            assertThat(alice.info()).isNull();
            SrpVerifiers.Login bob = verifiers.lookup("bob").orElseThrow();
            assertThat(bob.n()).isEqualTo(SRP6StandardGroups.rfc5054_1536.getN());
            assertThat(bob.verifier()).isEqualTo(verifier(SRP6StandardGroups.rfc5054_1536, bob.salt(), "bob", "bob-pw"));
            assertThat(bob.info()).isEqualTo("Bob B");
            assertThat(verifiers.lookup("carol")).isEmpty();
        }

        /**
         * A verifier is written as {@code BN_bn2bin} gives it, a salt as the 20 random bytes {@code openssl srp} drew,
         * a leading zero byte included (one salt in 256), though OpenSSL reads it back, and computes with it, as a
         * number; so a salt re-encodes from its 20-byte form.
         */
        @Test
        void everyNumberReencodesToOpensslsText() throws Exception {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                String verifier = f[1];
                String salt = f[2];
                assertThat(SrpVerifiers.toBase64(SrpVerifiers.unsigned(SrpVerifiers.fromBase64(verifier)))).isEqualTo(verifier);
                assertThat(SrpVerifiers.toBase64(randomSaltBytes(SrpVerifiers.fromBase64(salt)))).isEqualTo(salt);
            }
        }

        /** A salt {@code openssl srp} wrote in one run of this suite, whose first byte was zero. */
        @Test
        void aSaltWhoseFirstByteIsZeroReencodesFromItsTwentyBytes() {
            String written = "002EQwTR1hXpf/YQzDwOjCOilnI";
            BigInteger salt = SrpVerifiers.fromBase64(written);
            assertThat(salt.bitLength()).as("19 bytes as a number").isLessThanOrEqualTo(8 * (OPENSSL_SALT_BYTES - 1));
            assertThat(SrpVerifiers.toBase64(randomSaltBytes(salt))).isEqualTo(written);
        }

        private static byte[] randomSaltBytes(BigInteger salt) {
            byte[] minimal = SrpVerifiers.unsigned(salt);
            byte[] drawn = new byte[OPENSSL_SALT_BYTES];
            System.arraycopy(minimal, 0, drawn, drawn.length - minimal.length, minimal.length);
            return drawn;
        }
    }

    @Nested
    class UnknownUsers {
        @Test
        void withASeedGetTheSaltOpensslDerivesAndAFreshVerifierInTheDefaultGroup() throws Exception {
            SrpVerifiers verifiers = SrpVerifiers.read("srp.test", file, SEED, new SecureRandom());
            SrpVerifiers.Login first = verifiers.lookup("mallory").orElseThrow();
            SrpVerifiers.Login second = verifiers.lookup("mallory").orElseThrow();
            byte[] expectedSalt = SrpVerifiers.unsigned(new BigInteger(1, MessageDigest.getInstance("SHA-1")
                    .digest((SEED + "mallory").getBytes(StandardCharsets.UTF_8))));
            assertThat(first.simulated()).isTrue();
            assertThat(first.salt()).as("SHA-1(seed || user), the same every time").isEqualTo(expectedSalt).isEqualTo(second.salt());
            assertThat(first.verifier()).as("RAND_priv_bytes each time").isNotEqualTo(second.verifier());
            assertThat(first.n()).isEqualTo(SRP6StandardGroups.rfc5054_8192.getN());
            assertThat(first.info()).isNull();
        }

        @Test
        void withoutASeedAreNotFound() {
            assertThat(SrpVerifiers.read("srp.test", file, null, new SecureRandom()).lookup("mallory")).isEmpty();
        }

        @Test
        void takeTheGroupOfTheFilesLastIndexLine() throws Exception {
            SRP6GroupParameters group = SRP6StandardGroups.rfc5054_2048;
            String index = "I\t" + SrpVerifiers.toBase64(SrpVerifiers.unsigned(group.getN())) + "\t"
                    + SrpVerifiers.toBase64(SrpVerifiers.unsigned(group.getG())) + "\tmine\t\t";
            String bob = Files.readAllLines(file).stream().filter(l -> l.contains("\tbob\t")).findFirst().orElseThrow()
                    .replace("\t1536\t", "\tmine\t");
            Path own = Files.writeString(dir.resolve("own-group.srpv"), index + "\n" + bob + "\n");
            SrpVerifiers verifiers = SrpVerifiers.read("srp.test", own, SEED, new SecureRandom());
            assertThat(verifiers.lookup("bob").orElseThrow().n()).as("bob's group is now the file's own").isEqualTo(group.getN());
            assertThat(verifiers.lookup("mallory").orElseThrow().n()).isEqualTo(group.getN());
        }
    }

    @Test
    void aMalformedLineFailsNamingTheFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.srpv"), "V\tnot*base64\tabc\tdave\t8192\t\nV\tonly three\tfields\n");
        assertThatThrownBy(() -> SrpVerifiers.read("srp.test", bad, null, new SecureRandom()))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("srpVerifierFile " + bad)
                .hasMessageContaining("line 2 has 3 tab-separated fields")
                .hasMessageContaining("user 'dave': '*' is not in OpenSSL's SRP base64 alphabet");
    }

    @Test
    void aMissingFileFailsWithTheOpensslCommandToCreateIt() {
        Path missing = dir.resolve("missing.srpv");
        assertThatThrownBy(() -> SrpVerifiers.read("srp.test", missing, null, new SecureRandom()))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("srpVerifierFile " + missing + ": cannot be read: there is no such file")
                .hasMessageContaining("openssl srp -srpvfile " + missing + " -add USER");
    }
}
