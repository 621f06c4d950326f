package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak scan itself finds a planted pass-phrase, so its green result after the suite means something (F13). */
class SecretLeakScanTest {
    @TempDir
    Path dir;

    @Nested
    class Scanning {
        @Test
        void aPlantedPassPhraseIsFoundAndNamedOnlyByItsLabel() throws Exception {
            String secret = "pp-planted-0123456789abcdef";
            Path clean = Files.writeString(dir.resolve("A-output.txt"), "[main] INFO io.tlsconnector.runtime.TlsRuntime - Virtual host 'a'\n");
            Path leaking = Files.writeString(dir.resolve("B-output.txt"), "[main] DEBUG x - answer " + secret + "\n");
            assertThat(SecretLeakScan.leaks(List.of(secret), List.of(clean, leaking)))
                    .containsExactly(leaking + " contains the pass-phrase registered as pp-planted-…");
            assertThat(SecretLeakScan.leaks(List.of(secret), List.of(clean))).isEmpty();
        }
    }
}
