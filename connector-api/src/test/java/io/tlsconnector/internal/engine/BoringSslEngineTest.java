package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.OcspStapling;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.CertificateBuilder;
import io.tlsconnector.testing.InMemoryHandshake;
import io.tlsconnector.testing.TestPki;

/**
 * What a host chosen onto the BoringSSL engine does with the library's settings (F25, F29, F30):
 * post-quantum key exchange, each certificate of a dual-key host, the secure default suites, and the
 * engine choice itself.
 */
class BoringSslEngineTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued ecdsa;
    static TestPki.Issued rsa;

    @BeforeAll
    static void material() {
        pki = TestPki.create();
        ecdsa = pki.issueServer("c.test", "c.test");
        rsa = pki.issueServerRsa("c.test", "c.test");
    }

    static TlsRuntime start(VirtualHost.Builder host) {
        return TlsRuntime.start(TlsConfig.builder().engine(Engine.BORINGSSL).virtualHost(host.build()).build());
    }

    static VirtualHost.Builder dualKeyHost() {
        return VirtualHost.builder("c.test").certificate(CertificateSource.of(rsa.privateKey(), rsa.fullChain()))
                .certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain()));
    }

    @Test
    void aClientOfferingOnlyX25519Mlkem768NegotiatesTheHybridGroup() throws Exception {
        try (TlsRuntime runtime = start(dualKeyHost())) {
            LoadedHost host = runtime.defaultHost();
            assertThat(host.engine()).isEqualTo(Engine.BORINGSSL);
            SslContext netty = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3")
                    .option(OpenSslContextOption.GROUPS, new String[] {"X25519MLKEM768"}).build();
            SSLEngine client = netty.newEngine(ByteBufAllocator.DEFAULT, "c.test", 443);
            SSLEngine server = host.newEngine(null, -1);
            try {
                InMemoryHandshake.run(client, server);
                assertThat(LoadedHost.keyExchangeGroup(server)).contains("X25519MLKEM768");
                assertThat(server.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(host.library()).startsWith("BoringSSL/netty-tcnative-");
            } finally {
                LoadedHost.release(server);
                io.netty.util.ReferenceCountUtil.release(client);
            }
        }
    }

    @Test
    void aHostWithRsaAndEcdsaCertificatesServesEachTls12ClientTheOneItCanUse() throws Exception {
        try (TlsRuntime runtime = start(dualKeyHost())) {
            assertThat(keyOfCertificateServedTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", runtime.defaultHost())).isEqualTo("RSA");
            assertThat(keyOfCertificateServedTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", runtime.defaultHost())).isEqualTo("EC");
        }
    }

    @Test
    void withoutACipherListStaticRsaAndCbcSuitesAreRefusedAsOnJsse() {
        try (TlsRuntime runtime = start(dualKeyHost())) {
            assertThat(runtime.defaultHost().enabledCipherSuites()).isNotEmpty()
                    .allMatch(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                            || (s.startsWith("TLS_ECDHE_") && (s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_"))));
            assertThatThrownBy(() -> keyOfCertificateServedTo("TLS_RSA_WITH_AES_128_CBC_SHA", runtime.defaultHost()))
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void withoutAChoiceAHostRunsOnBoringSslAndTheConfigurationCanPutEveryHostOnJsse() {
        VirtualHost plain = VirtualHost.builder("c.test").certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain())).build();
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(plain).build())) {
            assertThat(runtime.defaultHost().engine()).isEqualTo(Engine.BORINGSSL);
            assertThat(runtime.defaultHost().library()).startsWith("BoringSSL/");
        }
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().engine(Engine.JSSE).virtualHost(plain).build())) {
            assertThat(runtime.defaultHost().engine()).isEqualTo(Engine.JSSE);
            assertThat(runtime.defaultHost().library()).startsWith("SunJSSE/");
        }
        VirtualHost ownChoice = plain.toBuilder().engine(Engine.BORINGSSL).build();
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().engine(Engine.JSSE).virtualHost(ownChoice).build())) {
            assertThat(runtime.defaultHost().engine()).as("the host's own choice wins").isEqualTo(Engine.BORINGSSL);
        }
    }

    @Test
    void jsseChosenForAHostWhoseSessionsAreSharedFailsStartUpNamingBoth() throws Exception {
        byte[] keys = new byte[48];
        new SecureRandom().nextBytes(keys);
        Path ticketKeys = Files.write(dir.resolve("ticket.key"), keys);
        VirtualHost host = VirtualHost.builder("c.test").certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain()))
                .engine(Engine.JSSE).sessionTicketKeyFile(ticketKeys).build();
        assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host).build()))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("virtual host 'c.test', sessionTicketKeyFile " + ticketKeys)
                .hasMessageContaining("chooses JSSE, which cannot share session-ticket keys");
    }

    @Test
    void anUnknownGroupIsAShapeProblemNamingTheKnownOnes() {
        assertThatThrownBy(() -> dualKeyHost().groups("X25519MLKEM768:P-999").build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("'P-999' is not a key-exchange group")
                .hasMessageContaining("X25519MLKEM768, X25519, P-256, P-384, P-521");
    }

    @Test
    void limitsOfBoringSslAreNamedForTheSettingsThatNeedJsse() {
        VirtualHost dhe = dualKeyHost().cipherSuite("ECDHE+AESGCM:DHE+AESGCM").build();
        assertThat(BoringSslCapabilities.INSTANCE.limits(dhe)).singleElement().asString().contains("DHE suites").contains("!kDHE");
        VirtualHost tls13 = dualKeyHost().cipherSuite("ECDHE+AESGCM").cipherSuite("TLSv1.3", "TLS_AES_256_GCM_SHA384").build();
        assertThat(BoringSslCapabilities.INSTANCE.limits(tls13)).singleElement().asString().contains("SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384");
        assertThat(BoringSslCapabilities.INSTANCE.limits(dualKeyHost().build())).isEmpty();
        OcspStapling stapling = OcspStapling.fromCertificate();
        assertThat(BoringSslCapabilities.INSTANCE.limits(dualKeyHost().ocspStapling(stapling).build())).singleElement().asString()
                .contains("ocspStapling (SSLUseStapling) with 2 certificates").contains("one response per connection");
        VirtualHost oneCertificate = VirtualHost.builder("c.test").certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain()))
                .ocspStapling(stapling).build();
        assertThat(BoringSslCapabilities.INSTANCE.limits(oneCertificate)).as("BoringSSL staples for a host with one certificate").isEmpty();
        assertThat(BoringSslCapabilities.INSTANCE.limits(dualKeyHost().verifyClient(VerifyClient.OPTIONAL_NO_CA)
                .caCertificateFile(dir.resolve("any-ca.pem")).build())).singleElement()
                .asString().contains("verifyClient optional_no_ca").contains("Ed25519");
    }

    @Test
    void aClientWithAnEd25519CertificateSendsNoneToBoringSslButJsseGetsIt() throws Exception {
        TestPki.Issued edClient = pki.issue(CertificateBuilder.ed25519(), "Ed Client", List.of(), Duration.ofDays(1));
        for (Engine engine : List.of(Engine.BORINGSSL, Engine.JSSE)) {
            VirtualHost host = VirtualHost.builder("c.test").certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain()))
                    .engine(engine).verifyClient(VerifyClient.OPTIONAL).verifyDepth(3).caCertificateFile(TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()))).build();
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host).build())) {
                SSLEngine client = InMemoryHandshake.client("c.test", edClient, pki.rootCertificate());
                SSLEngine server = runtime.defaultHost().newEngine(null, -1);
                try {
                    InMemoryHandshake.run(client, server);
                    boolean sent = server.getSession().getPeerCertificates().length > 0;
                    assertThat(sent).as("on %s", engine).isEqualTo(engine == Engine.JSSE);
                } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                    assertThat(engine).as("no client certificate").isEqualTo(Engine.BORINGSSL);
                } finally {
                    LoadedHost.release(server);
                }
            }
        }
    }

    private static String keyOfCertificateServedTo(String suite, LoadedHost host) throws SSLException {
        SSLEngine client = InMemoryHandshake.client("c.test", null, pki.rootCertificate());
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {suite});
        SSLEngine server = host.newEngine(null, -1);
        try {
            InMemoryHandshake.run(client, server);
            return ((X509Certificate) client.getSession().getPeerCertificates()[0]).getPublicKey().getAlgorithm();
        } finally {
            LoadedHost.release(server);
        }
    }
}
