package io.tlsconnector.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.testing.EgdServer;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.Scripts;

/** mod_ssl's SSLRandomSeed: its syntax, its sources, and the 128-bit start-up rule (F4) and non-blocking connect (F26). */
class RandomSeedTest {
    @TempDir
    Path dir;

    @Nested
    class Syntax {
        @Test
        void everyModSslFormRoundTrips() {
            List<String> lines = List.of(
                    "SSLRandomSeed startup builtin",
                    "SSLRandomSeed startup file:/dev/urandom 512",
                    "SSLRandomSeed startup file:/var/lib/seed",
                    "SSLRandomSeed startup exec:/usr/local/bin/truerand 16",
                    "SSLRandomSeed startup exec:/usr/local/bin/truerand",
                    "SSLRandomSeed startup egd:/var/run/egd-pool 64",
                    "SSLRandomSeed startup egd:/var/run/egd-pool",
                    "SSLRandomSeed connect builtin",
                    "SSLRandomSeed connect file:/dev/urandom 32",
                    "SSLRandomSeed connect exec:/usr/local/bin/truerand 8",
                    "SSLRandomSeed connect egd:/var/run/egd-pool 16");
            RandomSeed seed = RandomSeed.parse(lines);
            assertThat(seed.directives()).isEqualTo(lines);
            assertThat(RandomSeed.parse(seed.directives())).isEqualTo(seed);
            assertThat(seed.startup()).hasSize(7);
            assertThat(seed.connect()).hasSize(4);
        }

        @Test
        void aBarePathIsAFileAndTheDirectiveNameIsOptional() {
            RandomSeed seed = RandomSeed.parse("startup /dev/urandom 256", "connect   /dev/urandom");
            assertThat(seed.directives()).containsExactly("SSLRandomSeed startup file:/dev/urandom 256",
                    "SSLRandomSeed connect file:/dev/urandom");
            assertThat(seed.startup()).containsExactly(SeedSource.file(Path.of("/dev/urandom"), 256));
        }

        @Test
        void mistakesAreNamedWithTheAcceptedForms() {
            assertThatThrownBy(() -> RandomSeed.parse("shutdown builtin"))
                    .hasMessage("SSLRandomSeed 'shutdown builtin' is not understood; write 'startup|connect source [bytes]', where "
                            + "source is builtin, file:/path [bytes], exec:/path [bytes], egd:/path/to/socket [bytes] or /path [bytes].");
            assertThatThrownBy(() -> RandomSeed.parse("startup builtin 512"))
                    .hasMessage("SSLRandomSeed source 'builtin 512': builtin takes no byte count, as in mod_ssl; write just builtin.");
            assertThatThrownBy(() -> RandomSeed.parse("connect file:/dev/urandom many"))
                    .hasMessage("SSLRandomSeed source 'file:/dev/urandom many': 'many' is not a byte count; "
                            + "write a whole number of bytes such as 512, or leave it out.");
            assertThatThrownBy(() -> RandomSeed.parse("startup http://example.com/seed"))
                    .hasMessageContaining("is not understood");
        }
    }

    @Nested
    class Sources {
        @Test
        void aFileDeliversItsFirstBytesOrAllOfThem() throws Exception {
            Path file = Files.writeString(dir.resolve("seed.bin"), "0123456789abcdefghijklmnopqrstuv");
            assertThat(new String(SeedSource.file(file, 10).read(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
            assertThat(SeedSource.parse("file:" + file).read()).hasSize(32);
        }

        @Test
        void aProgramGetsTheByteCountAsItsArgumentAndDeliversItsOutput() throws Exception {
            Path program = Scripts.shell(dir, "seed.sh", "printf 'asked-%s-0123456789abcdefghijklmnop' \"$1\"\n");
            assertThat(new String(SeedSource.exec(program, 12).read(), StandardCharsets.US_ASCII)).isEqualTo("asked-12-012");
            assertThat(new String(SeedSource.parse("exec:" + program).read(), StandardCharsets.US_ASCII))
                    .isEqualTo("asked-0-0123456789abcdefghijklmnop");
        }

        @Test
        void anEgdDaemonOnAUnixSocketDeliversWhatItHas() throws Exception {
            byte[] pool = new byte[300];
            Arrays.setAll(new Object[300], i -> pool[i] = (byte) (i * 7));
            Path socket = dir.resolve("egd.sock");
            try (EgdServer egd = EgdServer.start(socket, pool)) {
                assertThat(SeedSource.egd(socket, 260).read()).isEqualTo(Arrays.copyOf(pool, 260));
                assertThat(SeedSource.parse("egd:" + socket + " 100").read()).isEqualTo(Arrays.copyOfRange(pool, 260, 300));
                assertThat(egd.served()).isEqualTo(300);
            }
        }
    }

    @Nested
    class Startup {
        @Test
        void fileExecAndEgdSourcesSeedTheDrbgAndTheLogReportsEach() throws Exception {
            Path file = Files.write(dir.resolve("seed.bin"), new byte[64]);
            Path program = Scripts.shell(dir, "seed.sh", "head -c \"$1\" /dev/urandom\n");
            Path socket = dir.resolve("egd.sock");
            try (EgdServer egd = EgdServer.start(socket, new byte[48]);
                 LogCapture log = LogCapture.start();
                 SeededRandom random = SeededRandom.start(RandomSeed.parse(
                         "startup file:" + file + " 32", "startup exec:" + program + " 24", "startup egd:" + socket + " 48"))) {
                assertThat(random.secureRandom().getAlgorithm()).isEqualTo("DRBG");
                assertThat(log.text()).contains("Random seed (startup): 104 bytes (832 bits) in ")
                        .contains("file:" + file + " 32 → 32 bytes in ")
                        .contains("exec:" + program + " 24 → 24 bytes in ")
                        .contains("egd:" + socket + " 48 → 48 bytes in ");
                assertThat(egd.served()).isEqualTo(48);
            }
        }

        @Test
        void fewerThan128BitsFailStartUpNamingWhatEachSourceDelivered() throws Exception {
            Path file = Files.write(dir.resolve("short.bin"), new byte[8]);
            assertThatThrownBy(() -> SeededRandom.start(RandomSeed.parse("startup file:" + file)))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: SSLRandomSeed startup: the startup sources delivered 8 bytes (64 bits) "
                            + "(file:" + file + " delivered 8 bytes); at least 128 bits are needed before the first handshake."
                            + " Fix: add a source that delivers at least 16 bytes, e.g. startup builtin or startup file:/dev/urandom 512 (F4).");
        }

        @Test
        void aSourceThatDeliversLessThanAskedIsNamed() throws Exception {
            Path file = Files.write(dir.resolve("short.bin"), new byte[20]);
            assertThatThrownBy(() -> SeededRandom.start(RandomSeed.parse("startup file:" + file + " 64")))
                    .hasMessage("TLS configuration problem: SSLRandomSeed startup file:" + file + " 64: delivered 20 of the 64 bytes asked."
                            + " Fix: give a byte count the source can deliver, or use a source with more data such as file:/dev/urandom (F4).");
        }

        @Test
        void aBlockingSourceFailsStartUpWithinItsTimeout() {
            Path program = Scripts.shell(dir, "slow-seed.sh", "sleep 600\n");
            RandomSeed seed = RandomSeed.builder().startup(SeedSource.exec(program, 32)).startupTimeout(Duration.ofMillis(500)).build();
            long began = System.nanoTime();
            assertThatThrownBy(() -> SeededRandom.start(seed))
                    .hasMessage("TLS configuration problem: SSLRandomSeed startup exec:" + program + " 32: delivered nothing within 500 ms "
                            + "(it blocks, e.g. a FIFO without writer or a program that does not answer)."
                            + " Fix: check the source; at start-up every source must deliver what it is asked within 500 ms "
                            + "(RandomSeed.builder().startupTimeout(...) changes that) (F4).");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void aMissingFileIsNamed() {
            Path missing = dir.resolve("no-seed");
            assertThatThrownBy(() -> SeededRandom.start(RandomSeed.parse("startup builtin", "startup " + missing + " 16")))
                    .hasMessageStartingWith("TLS configuration problem: SSLRandomSeed startup file:" + missing
                            + " 16: could not be read: no such file.");
        }
    }

    @Nested
    class Connect {
        @Test
        void aFifoThatNeverWritesNeverBlocksTheCallerAndIsReportedOnce() throws Exception {
            ExternalTool.require("mkfifo");
            Path fifo = dir.resolve("seed.fifo");
            ExternalTool.run("mkfifo", fifo.toString());
            Path file = Files.write(dir.resolve("seed.bin"), new byte[32]);
            RandomSeed seed = RandomSeed.builder().startup(SeedSource.builtin())
                    .connect(SeedSource.file(fifo, 16), SeedSource.file(file, 32)).connectTimeout(Duration.ofMillis(300)).build();
            try (LogCapture log = LogCapture.start(); SeededRandom random = SeededRandom.start(seed)) {
                long began = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    random.connectionOpened();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(200));
                String warning = "WARN io.tlsconnector.random.SeededRandom - Random seed (connect): file:" + fifo
                        + " 16 delivered nothing within 300 ms; it is skipped until that read finishes, and handshakes never wait for it (F26).";
                assertThat(log.awaitText(t -> t.contains(warning), Duration.ofSeconds(5))).contains(warning);
                // later reseeds skip the blocked source instead of starting another blocked read
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!log.text().contains("is still blocked in an earlier read; skipped") && System.nanoTime() < end) {
                    random.connectionOpened();
                    Thread.sleep(50);
                }
                String text = log.text();
                assertThat(text).contains("DEBUG io.tlsconnector.random.SeededRandom - Random seed (connect): file:" + fifo
                        + " 16 is still blocked in an earlier read; skipped");
                assertThat(text.split("delivered nothing within", -1)).hasSize(2);
                assertThat(random.connectBytes()).isPositive();
            } finally {
                // give the abandoned reader its writer, so its thread ends
                try (var writer = Files.newOutputStream(fifo)) {
                    writer.write(new byte[16]);
                }
            }
        }
    }
}
