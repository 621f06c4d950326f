package io.tlsconnector.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsException;
import io.tlsconnector.testing.TestPki;

/** {@code tlsctl probe} reports protocol, cipher, chain, SNI coverage and verification (F7). */
class ProbeTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static SSLServerSocket server;
    static Thread acceptor;

    @BeforeAll
    static void server() throws Exception {
        pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test", "*.static.example.test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("www", www.privateKey(), new char[0], www.fullChain().toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                } catch (IOException e) {
                    // next client
                }
            }
        }, "probe-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    static Probe.Target target() {
        return new Probe.Target("127.0.0.1", server.getLocalPort(), null, null, null, null);
    }

    @Test
    void aCoveredNameIsReportedWithProtocolCipherChainAndVerification() {
        Path root = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));

        Probe.Result result = Probe.probe(target().withServerName("www.example.test").withCaFile(root));

        assertThat(result.protocol()).isEqualTo("TLSv1.3");
        assertThat(result.cipherSuite()).startsWith("TLS_");
        assertThat(result.chain()).hasSize(2);
        assertThat(result.sniMatched()).isTrue();
        assertThat(result.verification()).isEqualTo("OK (chain verifies against " + root + ")");
        assertThat(result.report()).contains("SNI:          www.example.test (the certificate covers it)\n")
                .contains("Certificate 0: O=tls-connector tests,CN=www.example.test\n");
    }

    @Test
    void aWildcardCoversOneLabelAndAnUnknownNameIsNotCovered() {
        assertThat(Probe.probe(target().withServerName("img.static.example.test")).sniMatched()).isTrue();
        Probe.Result other = Probe.probe(target().withServerName("other.example.test").withProtocol("TLSv1.2"));

        assertThat(other.sniMatched()).isFalse();
        assertThat(other.protocol()).isEqualTo("TLSv1.2");
        assertThat(other.verification()).startsWith("FAILED: ");
        assertThat(other.report()).contains("SNI:          other.example.test (NOT covered by the certificate");
    }

    @Test
    void aPortWithoutTlsFailsWithTheLikelyCause() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try {
                    plain.accept().close();
                } catch (IOException ignored) {
                    // closed
                }
            });
            closer.setDaemon(true);
            closer.start();
            assertThatThrownBy(() -> Probe.probe(new Probe.Target("127.0.0.1", plain.getLocalPort(), null, null, null, null)))
                    .isInstanceOf(TlsException.class)
                    .hasMessageStartingWith("Probe of 127.0.0.1:" + plain.getLocalPort() + " failed: ")
                    .hasMessageEndingWith("; check that the port speaks TLS (not plain HTTP) and allows TLSv1.2 or TLSv1.3.");
        }
        assertThatThrownBy(() -> Probe.Target.parse("example.test"))
                .hasMessage("'example.test' is not host:port; write e.g. www.example.com:443");
        assertThat(Probe.Target.parse("[::1]:8443")).isEqualTo(new Probe.Target("::1", 8443, null, null, null, null));
    }
}
