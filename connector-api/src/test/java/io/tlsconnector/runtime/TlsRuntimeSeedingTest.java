package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.random.RandomSeed;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.TlsConfigException;

/** TlsRuntime.start seeds before it builds any context (F4) and reports seeding problems with the others (F9). */
class TlsRuntimeSeedingTest {
    @TempDir
    Path dir;

    @Nested
    class Startup {
        @Test
        void everyContextGetsTheSeededDrbgAndConnectionsReseedIt() throws Exception {
            TestPki.Issued www = TestPki.create().issueServer("www.example.test", "www.example.test");
            Path seed = Files.write(dir.resolve("seed.bin"), new byte[64]);
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                    .randomSeed(RandomSeed.parse("startup builtin", "connect file:" + seed + " 32"))
                    .virtualHost(VirtualHost.builder("www.example.test")
                            .certificate(CertificateSource.of(www.privateKey(), www.fullChain())).build())
                    .build())) {
                assertThat(runtime.secureRandom()).isSameAs(runtime.seededRandom().secureRandom());
                assertThat(runtime.secureRandom().getAlgorithm()).isEqualTo("DRBG");
                runtime.connectionOpened();
                long end = System.nanoTime() + 5_000_000_000L;
                while (runtime.seededRandom().reseeds() == 0 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertThat(runtime.seededRandom().connectBytes()).isEqualTo(32);
            }
        }

        @Test
        void aSeedingProblemIsListedWithTheKeyProblems() throws Exception {
            Path shortSeed = Files.write(dir.resolve("short.bin"), new byte[4]);
            Path missingKey = dir.resolve("missing.key");
            Path missingCert = dir.resolve("missing.crt");
            assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder()
                    .randomSeed(RandomSeed.parse("startup file:" + shortSeed + " 32"))
                    .virtualHost(VirtualHost.builder("www.example.test").certificate(CertificateSource.pem(missingCert, missingKey)).build())
                    .build()))
                    .isInstanceOfSatisfying(TlsConfigException.class, e -> assertThat(e.problems()).extracting(TlsConfigException.Problem::source)
                            .containsExactly("SSLRandomSeed startup file:" + shortSeed + " 32", missingCert.toString(), missingKey.toString()))
                    .hasMessageContaining("1. SSLRandomSeed startup file:" + shortSeed + " 32: delivered 4 of the 32 bytes asked.");
        }
    }
}
