package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SRPTlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/**
 * The TLS-SRP engine as an {@link SSLEngine} (F35), driven in memory as an adapter drives it, against
 * Bouncy Castle's own SRP client: login, application data both ways, close_notify, the wrong-password
 * alert; and the start-up checks that name what cannot work.
 */
class SrpEngineTest {
    static final String PASSWORD = "engine-pw";
    @TempDir
    static Path dir;
    static Path file;
    static TestPki.Issued leaf;
    static TlsRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("openssl");
        file = Files.createFile(dir.resolve("passwd.srpv"));
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(60), List.of("openssl", "srp", "-srpvfile", file.toString(),
                "-add", "-gn", "2048", "-userinfo", "Alice", "-passout", "pass:" + PASSWORD, "alice"));
        assertThat(result.exitCode()).as(result.all()).isZero();
        leaf = TestPki.create().issueServerRsa("srp.test", "srp.test");
        runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host().cipherSuite("SRP:ECDHE+AESGCM").build()).build());
    }

    static VirtualHost.Builder host() {
        return VirtualHost.builder("srp.test").certificate(CertificateSource.of(leaf.privateKey(), leaf.fullChain()))
                .srpVerifierFile(file).srpUnknownUserSeed("seed");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Moves records between the BC client and the server engine until neither has anything to say (bounded). */
    static void pump(TlsClientProtocol client, SSLEngine server, ByteBuffer serverOut, ByteBuffer appIn) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(64 * 1024);
        for (int round = 0; round < 50; round++) {
            boolean moved = false;
            int available = client.getAvailableOutputBytes();
            if (available > 0) {
                byte[] bytes = new byte[available];
                client.readOutput(bytes, 0, available);
                net.put(bytes);
                moved = true;
            }
            net.flip();
            while (net.hasRemaining()) {
                SSLEngineResult r = server.unwrap(net, appIn);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                    break;
                }
                moved = true;
            }
            net.compact();
            while (server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP || serverOut.position() > 0) {
                ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
                serverOut.flip();
                SSLEngineResult r = server.wrap(serverOut, wire);
                serverOut.compact();
                wire.flip();
                if (wire.hasRemaining()) {
                    byte[] bytes = new byte[wire.remaining()];
                    wire.get(bytes);
                    if (!client.isClosed()) {
                        // BC's client takes nothing after its own close_notify.
                        client.offerInput(bytes);
                    }
                    moved = true;
                }
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    /** BC's SRP client, which checks that an SRP-RSA server sends the host's certificate. */
    static SRPTlsClient srpClient(String user, String password, String... alpn) {
        return new SRPTlsClient(new JcaTlsCryptoProvider().create(new SecureRandom()), user.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8)) {
            @Override
            protected java.util.Vector getProtocolNames() {
                if (alpn.length == 0) {
                    return null;
                }
                java.util.Vector names = new java.util.Vector();
                for (String name : alpn) {
                    names.add(org.bouncycastle.tls.ProtocolName.asUtf8Encoding(name));
                }
                return names;
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                        byte[] sent = certificate.getCertificate().getCertificateAt(0).getEncoded();
                        try {
                            assertThat(sent).isEqualTo(leaf.certificate().getEncoded());
                        } catch (java.security.cert.CertificateEncodingException e) {
                            throw new IOException(e);
                        }
                    }
                };
            }
        };
    }

    @Test
    void aBouncyCastleSrpClientLogsInAndExchangesData() throws Exception {
        SSLEngine server = runtime.defaultHost().newEngine(null, -1);
        assertThat(runtime.defaultHost().engine()).isEqualTo(Engine.BCTLS);
        TlsClientProtocol client = new TlsClientProtocol();
        client.connect(srpClient("alice", PASSWORD));
        ByteBuffer appIn = ByteBuffer.allocate(32 * 1024);
        ByteBuffer serverOut = ByteBuffer.allocate(32 * 1024);
        pump(client, server, serverOut, appIn);
        assertThat(client.isConnected()).isTrue();
        assertThat(server.getSession().getCipherSuite()).as("the one suite BC's SRP client offers: SRP signed with the host's RSA key")
                .isEqualTo("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA");
        assertThat(server.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(LoadedHost.srpUser(server.getSession())).contains("alice");
        assertThat(LoadedHost.srpUserInfo(server.getSession())).contains("Alice");

        byte[] ping = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        client.writeApplicationData(ping, 0, ping.length);
        serverOut.put("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        pump(client, server, serverOut, appIn);
        appIn.flip();
        assertThat(StandardCharsets.US_ASCII.decode(appIn).toString()).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        byte[] answer = new byte[client.getAvailableInputBytes()];
        client.readInput(answer, 0, answer.length);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");

        client.close();
        appIn.clear();
        pump(client, server, serverOut, appIn);
        assertThat(server.isInboundDone()).isTrue();
        assertThat(server.isOutboundDone()).as("close_notify answered").isTrue();
    }

    @Test
    void alpnNeverPicksH2ForACbcSrpSuite() throws Exception {
        SSLEngine server = runtime.defaultHost().newEngine(null, -1, List.of("h2", "http/1.1"));
        assertThat(LoadedHost.selectsApplicationProtocolItself(server)).isTrue();
        TlsClientProtocol client = new TlsClientProtocol();
        client.connect(srpClient("alice", PASSWORD, "h2", "http/1.1"));
        pump(client, server, ByteBuffer.allocate(1024), ByteBuffer.allocate(32 * 1024));
        assertThat(client.isConnected()).isTrue();
        assertThat(server.getApplicationProtocol()).as("RFC 9113 forbids h2 over CBC suites").isEqualTo("http/1.1");
    }

    @Test
    void aWrongPasswordFailsWithBadRecordMacAndTheEngineThrowsTheReason() throws Exception {
        SSLEngine server = runtime.defaultHost().newEngine(null, -1);
        TlsClientProtocol client = new TlsClientProtocol();
        client.connect(srpClient("alice", "wrong"));
        assertThatThrownBy(() -> pump(client, server, ByteBuffer.allocate(1024), ByteBuffer.allocate(32 * 1024)))
                .isInstanceOfAny(TlsFatalAlertReceived.class, SSLException.class)
                .satisfies(e -> {
                    if (e instanceof TlsFatalAlertReceived received) {
                        assertThat(received.getAlertDescription()).isEqualTo(AlertDescription.bad_record_mac);
                    } else {
                        assertThat(e).hasMessageContaining("TLS-SRP handshake with virtual host 'srp.test' failed")
                                .hasMessageContaining("wrong password");
                    }
                });
    }

    @Test
    void hostsWithDifferentSrpSettingsAreNotInterchangeableForSniReuse() throws Exception {
        Path other = Files.copy(file, dir.resolve("other.srpv"));
        CertificateSource certificate = CertificateSource.of(leaf.privateKey(), leaf.fullChain());
        try (TlsRuntime hosts = TlsRuntime.start(TlsConfig.builder()
                .virtualHost(host().cipherSuite("SRP").build())
                .virtualHost(VirtualHost.builder("twin.test").certificate(certificate).cipherSuite("SRP").srpVerifierFile(file)
                        .srpUnknownUserSeed("seed").build())
                .virtualHost(VirtualHost.builder("other.test").certificate(certificate).cipherSuite("SRP").srpVerifierFile(other)
                        .srpUnknownUserSeed("seed").build())
                .virtualHost(VirtualHost.builder("plain.test").certificate(certificate).engine(Engine.JSSE).build())
                .build())) {
            LoadedHost srp = hosts.hostFor("srp.test");
            assertThat(io.tlsconnector.spi.HostCompatibility.differences(srp, hosts.hostFor("twin.test"))).isEmpty();
            assertThat(io.tlsconnector.spi.HostCompatibility.differences(srp, hosts.hostFor("other.test")))
                    .singleElement().asString().startsWith("TLS-SRP (srpVerifierFile " + file + " vs " + other);
            assertThat(io.tlsconnector.spi.HostCompatibility.differences(srp, hosts.hostFor("plain.test")))
                    .anyMatch(d -> d.startsWith("TLS-SRP (srpVerifierFile " + file + " vs none"));
        }
    }

    @Test
    void aTls13OnlyHostFailsToStartSayingSrpNeedsTls12() {
        assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host().protocols("TLSv1.3").build()).build()))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("leaves out TLSv1.2, the only version with SRP")
                .hasMessageContaining("TLS 1.3 has no SRP");
    }

    @Test
    void aCipherStringWithoutSrpFailsToStart() {
        assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host().cipherSuite("ECDHE+AESGCM").build()).build()))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("enables no SRP suite");
    }

    @Test
    void aHostThatChoosesAnotherEngineFailsToStart() {
        assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host().engine(Engine.JSSE).build()).build()))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("needs the Bouncy Castle TLS (bctls) engine");
    }

    @Test
    void theBctlsEngineWithoutAVerifierFileFailsToStart() {
        VirtualHost plain = VirtualHost.builder("plain.test").certificate(CertificateSource.of(leaf.privateKey(), leaf.fullChain()))
                .engine(Engine.BCTLS).build();
        assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(plain).build()))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("serves only TLS-SRP hosts");
    }

    @Test
    void withoutACipherStringTheHostGetsOpensslsDefaultWithItsSrpSuites() {
        try (TlsRuntime defaults = TlsRuntime.start(TlsConfig.builder().virtualHost(host().build()).build())) {
            assertThat(defaults.defaultHost().enabledCipherSuites()).contains("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                    .doesNotContain("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA");
            assertThat(defaults.defaultHost().enabledProtocols()).containsExactly("TLSv1.2");
        }
    }
}
