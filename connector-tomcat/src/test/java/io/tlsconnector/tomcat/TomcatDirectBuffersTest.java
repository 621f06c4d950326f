package io.tlsconnector.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.TestPki;

/**
 * The BoringSSL engine works on native memory: the connector gives Tomcat's endpoint direct buffers for the
 * encrypted bytes when a host runs on it (else Netty copies every wrap and unwrap through a temporary buffer),
 * and leaves Tomcat's heap buffers to JSSE.
 */
class TomcatDirectBuffersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"BORINGSSL", "JSSE"})
    void theEndpointGetsDirectSslBuffersOnlyForBoringSsl(Engine engine) throws Exception {
        TestPki.Issued localhost = TestPki.create().issueServer("localhost", "localhost", "127.0.0.1");
        TlsConfig config = TlsConfig.builder().engine(engine)
                .virtualHost(VirtualHost.builder("localhost").certificate(CertificateSource.of(localhost.privateKey(),
                        localhost.fullChain())).build())
                .build();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("base")).toString());
        Connector connector = TomcatTls.addConnector(tomcat, "127.0.0.1", 0, config);
        tomcat.start();
        try {
            assertThat(String.valueOf(connector.getProperty("socket.directSslBuffer")))
                    .as("Tomcat's directSslBuffer on %s", engine).isEqualTo(engine == Engine.BORINGSSL ? "true" : "false");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
