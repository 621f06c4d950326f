package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.OcspStapling;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.OcspStatus;

/**
 * OCSP stapling per virtual host, against a Bouncy Castle responder on 127.0.0.1: a good response
 * from the certificate's AIA responder or a configured one is stapled (openssl s_client -status), a
 * responder that is down never fails a handshake, and the last good response survives the responder
 * going away. Run once per adapter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class OcspContract extends EngineContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private OcspResponder responder;
    private TlsRuntime runtime;
    private ContainerUnderTest.Running server;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer() throws Exception {
        TestPki pki = TestPki.create();
        responder = OcspResponder.start(pki);
        URI down;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/ocsp");
        }
        TestPki.Issued a = pki.issueServerWithOcsp(responder.url().toString(), "a.test", "a.test");
        TestPki.Issued b = pki.issueServerWithOcsp(down.toString(), "b.test", "b.test");
        TestPki.Issued c = pki.issueServer("c.test", "c.test");
        OcspStapling stapling = OcspStapling.fromCertificate().withTimeout(TIMEOUT);
        runtime = TlsRuntime.start(tlsConfig()
                .virtualHost(host("a.test", a, stapling))
                .virtualHost(host("b.test", b, stapling))
                .virtualHost(host("c.test", c, stapling.withResponder(responder.url())))
                .build());
        server = container().start(runtime);
    }

    private static VirtualHost host(String name, TestPki.Issued issued, OcspStapling stapling) {
        return VirtualHost.builder(name).certificate(CertificateSource.of(issued.privateKey(), issued.fullChain()))
                .ocspStapling(stapling).build();
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        ContainerUnderTest.closeAll(server, runtime, responder);
    }

    @Test
    @Order(1)
    void opensslSeesAGoodResponseFromTheCertificatesResponderStapled() {
        SClient.Outcome outcome = SClient.handshake(server.port(), "a.test", "-status");
        assertThat(outcome.connected()).as(outcome.output()).isTrue();
        assertThat(outcome.output()).contains("OCSP Response Status: successful (0x0)").contains("Cert Status: good");
        assertThat(runtime.hostFor("a.test").ocspStatus().state()).isEqualTo(OcspStatus.State.GOOD);
        assertThat(runtime.hostFor("a.test").engine()).as("the engine that stapled").isEqualTo(engine);
    }

    @Test
    @Order(2)
    void aConfiguredResponderIsAskedForACertificateWithoutAia() {
        SClient.Outcome outcome = SClient.handshake(server.port(), "c.test", "-status");
        assertThat(outcome.output()).contains("OCSP Response Status: successful (0x0)").contains("Cert Status: good");
    }

    @Test
    @Order(3)
    void aResponderThatIsDownStillLetsTheHandshakeSucceedWithoutAStaple() {
        long start = System.nanoTime();
        SClient.Outcome outcome = SClient.handshake(server.port(), "b.test", "-status");
        assertThat(outcome.connected()).as(outcome.output()).isTrue();
        assertThat(outcome.output()).contains("OCSP response: no response sent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(3));
        OcspStatus status = runtime.hostFor("b.test").ocspStatus();
        assertThat(status.state()).isEqualTo(OcspStatus.State.NONE);
        assertThat(status.detail()).startsWith("no response from the certificate's OCSP responder (AIA) within 2000 ms");
    }

    @Test
    @Order(4)
    void whenTheResponderGoesAwayTheLastGoodResponseStaysStapled() {
        responder.close();
        OcspStatus kept = runtime.refreshStapling(runtime.config().virtualHost("a.test").orElseThrow());
        assertThat(kept.state()).isEqualTo(OcspStatus.State.GOOD);
        SClient.Outcome outcome = SClient.handshake(server.port(), "a.test", "-status");
        assertThat(outcome.connected()).as(outcome.output()).isTrue();
        assertThat(outcome.output()).contains("Cert Status: good");
    }
}
