package io.tlsconnector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;

/** mod_ssl's SSLSessionTicketKeyFile: 48 bytes per key, first encrypts, all decrypt. */
class TicketKeysTest {
    @TempDir
    Path dir;

    private Path write(int bytes) throws Exception {
        byte[] content = new byte[bytes];
        new SecureRandom().nextBytes(content);
        return Files.write(dir.resolve("ticket-" + bytes + ".key"), content);
    }

    @Nested
    class Reading {
        @Test
        void splitsEachKeyIntoNameHmacSecretAndAesKey() throws Exception {
            Path file = write(48);
            byte[] content = Files.readAllBytes(file);
            TicketKeys keys = TicketKeys.read(file, "a.test");
            assertThat(keys.keys()).hasSize(1);
            TicketKeys.Key key = keys.keys().get(0);
            assertThat(key.name()).isEqualTo(Arrays.copyOfRange(content, 0, 16));
            assertThat(key.hmacSecret()).isEqualTo(Arrays.copyOfRange(content, 16, 32));
            assertThat(key.aesKey()).isEqualTo(Arrays.copyOfRange(content, 32, 48));
            assertThat(keys.toBytes()).isEqualTo(content);
        }

        @Test
        void severalConcatenatedKeysKeepTheirOrderForRotation() throws Exception {
            Path file = write(3 * 48);
            byte[] content = Files.readAllBytes(file);
            TicketKeys keys = TicketKeys.read(file, "a.test");
            assertThat(keys.keys()).hasSize(3);
            assertThat(keys.keys().get(2).name()).isEqualTo(Arrays.copyOfRange(content, 96, 112));
        }

        @Test
        void aFileThatIsNotWholeKeysIsRefusedNamingFileAndFix() throws Exception {
            Path file = write(47);
            assertThatThrownBy(() -> TicketKeys.read(file, "a.test"))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'a.test', sessionTicketKeyFile " + file
                            + ": holds 47 bytes, but session-ticket keys are 48 bytes each (16 name, 16 HMAC secret, 16 AES key),"
                            + " so the length must be a positive multiple of 48. Fix: write 48 random bytes per key, e.g. openssl rand 48 > "
                            + file + "; concatenate several keys to rotate (the first encrypts, all decrypt).");
        }

        @Test
        void aMissingFileIsNamed() {
            Path file = dir.resolve("absent.key");
            assertThatThrownBy(() -> TicketKeys.read(file, null))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("sessionTicketKeyFile " + file + ": does not exist.")
                    .hasMessageContaining("openssl rand 48 > " + file);
        }

        @Test
        void neverShowsKeyBytes() throws Exception {
            TicketKeys keys = TicketKeys.read(write(96), "a.test");
            assertThat(keys.toString()).isEqualTo("TicketKeys[2 key(s) from " + dir.resolve("ticket-96.key") + "]");
            assertThat(keys.keys().get(0).toString()).isEqualTo("TicketKey[secret]");
        }
    }

    @Nested
    class Rotation {
        @Test
        void newerKeysEncryptAndOlderOnesFollowOnceWithinTheLimit() {
            SecureRandom random = new SecureRandom();
            TicketKeys a = TicketKeys.generate(random, "a");
            TicketKeys b = TicketKeys.generate(random, "b");
            TicketKeys c = TicketKeys.generate(random, "c");
            TicketKeys merged = c.thenDecrypting(b.thenDecrypting(a, 4), 4).thenDecrypting(a, 2);
            assertThat(merged.keys()).containsExactly(c.keys().get(0), b.keys().get(0));
        }
    }
}
