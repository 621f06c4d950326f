package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Pass-phrases for tests. Each is random and distinctive, and is written to the module's secrets
 * registry ({@code target/test-secrets/pass-phrases.txt}), which {@link SecretLeakScan} reads after
 * the whole suite to prove that none of them reached the logs (F13). Every test that uses a
 * pass-phrase takes it from here, so the scan knows it.
 */
public final class TestSecrets {
    /** Where the registry lives, relative to the module directory (surefire's working directory). */
    public static final Path REGISTRY = Path.of("target", "test-secrets", "pass-phrases.txt");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static boolean checkedFreshness;

    private TestSecrets() {
    }

    /** A new pass-phrase such as {@code pp-exec-3f9a1c0b77d24e51}, registered for the leak scan. */
    public static synchronized String passPhrase(String label) {
        forgetEarlierRuns();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String secret = "pp-" + label + "-" + HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(REGISTRY.getParent());
            Files.writeString(REGISTRY, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secret;
    }

    /**
     * The registry holds the pass-phrases of this build only: the first registration in a test JVM
     * drops a registry written before that JVM started (an earlier build's).
     */
    private static void forgetEarlierRuns() {
        if (checkedFreshness) {
            return;
        }
        checkedFreshness = true;
        try {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            if (Files.exists(REGISTRY) && Files.getLastModifiedTime(REGISTRY).toMillis() < jvmStart) {
                Files.delete(REGISTRY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every pass-phrase registered in this module so far. */
    public static List<String> registered() {
        try {
            return Files.exists(REGISTRY) ? Files.readAllLines(REGISTRY, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code key} as PKCS#8 PEM encrypted with AES-256-CBC under {@code passPhrase} (what {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes). */
    public static Path writeEncryptedKey(PrivateKey key, Path file, String passPhrase) {
        try {
            JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(passPhrase.toCharArray());
            return TestPki.write(file, TestPki.pem(new JcaPKCS8Generator(key, encryptor.build()).generate()));
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt a test key", e);
        }
    }
}
