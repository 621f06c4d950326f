package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.random.RandomSeed;
import io.tlsconnector.random.SeedSource;

/**
 * Connect-time seeding (SSLRandomSeed connect) on a real container: a source that blocks never delays
 * a handshake (F26), and the start-up seeds the generator every host's context uses (F4). Run once
 * per adapter.
 */
public abstract class SeedingContract extends EngineContract {
    static final String HOST = "seed.example.test";
    /** Far above a handshake on 127.0.0.1; a handshake that waited for the blocked source would take at least this. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    protected abstract ContainerUnderTest container();

    @Nested
    class ConnectSources {
        @Test
        void aFifoThatNeverWritesDoesNotSlowHandshakesAndIsWarnedAbout() throws Exception {
            ExternalTool.require("mkfifo");
            Path fifo = dir.resolve("seed.fifo");
            ExternalTool.run("mkfifo", fifo.toString());
            TestPki pki = TestPki.create();
            TestPki.Issued issued = pki.issueServer(HOST, HOST);
            // the key is encrypted and opened by a file: provider, so this module's leak scan has a pass-phrase to look for
            String secret = TestSecrets.passPhrase("jetty-file");
            Path passFile = Files.writeString(dir.resolve("pass.txt"), secret + "\n");
            Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
            Path key = TestSecrets.writeEncryptedKey(issued.privateKey(), dir.resolve("seed.key"), secret);
            TlsConfig config = tlsConfig()
                    .passPhraseProvider(PassPhraseProvider.parse("file:" + passFile))
                    .randomSeed(RandomSeed.builder()
                            .startup(SeedSource.builtin(), SeedSource.file(Path.of("/dev/urandom"), 64))
                            .connect(SeedSource.file(fifo, 16), SeedSource.file(Path.of("/dev/urandom"), 16))
                            .connectTimeout(CONNECT_TIMEOUT)
                            .build())
                    .virtualHost(VirtualHost.builder(HOST).certificate(CertificateSource.pem(issued.writeFullChain(dir, "seed"), key)).build())
                    .build();
            SSLContext client = TrustingClients.sslContextTrusting(pki.rootCertificate());
            try (LogCapture log = LogCapture.start();
                 TlsRuntime runtime = TlsRuntime.start(config);
                 ContainerUnderTest.Running server = container().start(runtime)) {
                assertThat(runtime.hosts().get(0).sslContext()).isNotNull();
                List<Duration> handshakes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    handshakes.add(handshake(client, server.port()));
                }
                assertThat(handshakes).allSatisfy(d -> assertThat(d).isLessThan(CONNECT_TIMEOUT.dividedBy(2)));
                String warning = "WARN io.tlsconnector.random.SeededRandom - Random seed (connect): file:" + fifo
                        + " 16 delivered nothing within 3 s; it is skipped until that read finishes, and handshakes never wait for it (F26).";
                assertThat(log.awaitText(t -> t.contains(warning), CONNECT_TIMEOUT.plusSeconds(5))).contains(warning);
                // the other connect source kept reseeding the generator the contexts use; the reseed thread logs the
                // warning before it reads that source and adds its bytes, so wait (bounded) for the count
                long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
                while (runtime.seededRandom().connectBytes() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(runtime.seededRandom().connectBytes()).isPositive();
                assertThat(log.text()).contains("INFO io.tlsconnector.random.SeededRandom - Random seed (startup): 208 bytes (1664 bits) in ");
                handshakes.add(handshake(client, server.port()));
                assertThat(handshakes.get(handshakes.size() - 1)).isLessThan(CONNECT_TIMEOUT.dividedBy(2));
            } finally {
                try (var writer = Files.newOutputStream(fifo)) {
                    writer.write(new byte[16]); // lets the abandoned reader thread finish
                }
            }
        }
    }

    /** One full TLS handshake on a new connection; how long it took. */
    static Duration handshake(SSLContext client, int port) throws Exception {
        long began = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(HOST)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getSession().getPeerPrincipal().getName()).contains(HOST);
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
