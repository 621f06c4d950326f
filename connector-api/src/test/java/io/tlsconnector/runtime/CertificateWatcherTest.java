package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/** Reload without a container: Kubernetes secret swaps and encrypted keys. */
class CertificateWatcherTest {
    private static final TestPki PKI = TestPki.create();

    @Test
    void aKubernetesStyleSymlinkSwapOfTheWholeSecretIsReloaded(@TempDir Path mount) throws Exception {
        // The kubelet's layout: tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>/, swapped with one rename.
        TestPki.Issued first = PKI.issueServer("k8s.test", "k8s.test");
        TestPki.Issued second = PKI.issueServer("k8s.test", "k8s.test");
        writeVersion(mount.resolve("..v1"), first);
        writeVersion(mount.resolve("..v2"), second);
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(mount.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(mount.resolve("tls.key"), Path.of("..data/tls.key"));
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                .virtualHost(VirtualHost.builder("k8s.test")
                        .certificate(CertificateSource.pem(mount.resolve("tls.crt"), mount.resolve("tls.key"))).build())
                .watchFiles(Duration.ofMillis(100))
                .build())) {
            assertThat(serial(runtime)).isEqualTo(first.certificate().getSerialNumber());
            Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..v2"));
            Files.move(mount.resolve("..data_tmp"), mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            assertThat(awaitSerial(runtime, second.certificate().getSerialNumber())).isTrue();
        }
    }

    @Test
    void anEncryptedKeyAsksThePassPhraseProviderAgainOnReload(@TempDir Path dir) throws Exception {
        TestPki.Issued issued = PKI.issueServer("secret.test", "secret.test");
        Path plain = issued.writeKey(dir, "plain");
        Path encrypted = dir.resolve("secret.key");
        ExternalTool.Result result = ExternalTool.run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(),
                "-out", encrypted.toString(), "-passout", "pass:correct horse");
        assertThat(result.exitCode()).as(result.all()).isZero();
        AtomicInteger asked = new AtomicInteger();
        PassPhraseProvider counting = request -> {
            asked.incrementAndGet();
            return "correct horse".toCharArray();
        };
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().passPhraseProvider(counting)
                .virtualHost(VirtualHost.builder("secret.test")
                        .certificate(CertificateSource.pem(issued.writeFullChain(dir, "secret"), encrypted)).build())
                .build())) {
            assertThat(asked.get()).isEqualTo(1);
            assertThat(runtime.reload()).isEmpty();
            assertThat(asked.get()).isEqualTo(2);
        }
    }

    @Test
    void aWrongPassPhraseOnReloadKeepsTheOldContext(@TempDir Path dir) throws Exception {
        TestPki.Issued issued = PKI.issueServer("secret.test", "secret.test");
        Path encrypted = dir.resolve("secret.key");
        ExternalTool.Result result = ExternalTool.run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", issued.writeKey(dir, "plain").toString(), "-out", encrypted.toString(), "-passout", "pass:right");
        assertThat(result.exitCode()).as(result.all()).isZero();
        AtomicInteger asked = new AtomicInteger();
        PassPhraseProvider rightThenWrong = request -> (asked.incrementAndGet() == 1 ? "right" : "wrong").toCharArray();
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().passPhraseProvider(rightThenWrong)
                .virtualHost(VirtualHost.builder("secret.test")
                        .certificate(CertificateSource.pem(issued.writeFullChain(dir, "secret"), encrypted)).build())
                .build())) {
            var before = runtime.defaultHost();
            assertThat(runtime.reload()).singleElement().extracting(Throwable::getMessage).asString()
                    .contains(encrypted + ": the pass-phrase given for this encrypted private key is wrong");
            assertThat(runtime.defaultHost()).isSameAs(before);
        }
    }

    private static void writeVersion(Path dir, TestPki.Issued issued) {
        issued.writeFullChain(dir, "tls");
        issued.writeKey(dir, "tls");
        try {
            Files.move(dir.resolve("tls-fullchain.crt"), dir.resolve("tls.crt"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BigInteger serial(TlsRuntime runtime) {
        return runtime.defaultHost().leafCertificates().get(0).getSerialNumber();
    }

    private static boolean awaitSerial(TlsRuntime runtime, BigInteger wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (serial(runtime).equals(wanted)) {
                return true;
            }
            Thread.sleep(20);
        }
        return List.of(serial(runtime)).contains(wanted);
    }
}
