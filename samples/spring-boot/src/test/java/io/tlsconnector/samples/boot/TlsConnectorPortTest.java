package io.tlsconnector.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.tlsconnector.testing.DistributionProcess;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/**
 * {@code tls-connector.port} on the embedded Tomcat 11 (F5): Boot's HTTP connector stays on server.port and the
 * TLS connector is added beside it, with its SSL_* attributes (the valve installs itself for it).
 */
class TlsConnectorPortTest {
    @TempDir
    Path dir;

    @Test
    void theTlsConnectorServesBesideBootsHttpConnector() {
        ExternalTool.require("curl");
        TestPki pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
        Path ca = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        int tlsPort = DistributionProcess.freePort();
        SpringApplication app = new SpringApplication(SpringBootSample.class);
        app.setDefaultProperties(Map.of("server.address", "127.0.0.1", "server.port", "0",
                "tls-connector.port", String.valueOf(tlsPort),
                "tls-connector.virtual-hosts[0].server-name", "www.example.test",
                "tls-connector.virtual-hosts[0].certificate", www.writeFullChain(dir, "www").toString(),
                "tls-connector.virtual-hosts[0].key", www.writeKey(dir, "www").toString(),
                "tls-connector.virtual-hosts[0].options", "+StdEnvVars"));
        try (ConfigurableApplicationContext context = app.run()) {
            int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(httpPort).isNotEqualTo(tlsPort);
            ExternalTool.Result plain = ExternalTool.run(Duration.ofSeconds(30),
                    List.of("curl", "-sS", "http://127.0.0.1:" + httpPort + "/ssl"));
            assertThat(plain.stdout()).as(plain.all()).contains("SSL_PROTOCOL=null\n", "protocol=HTTP/1.1\n");
            ExternalTool.Result tls = ExternalTool.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--http2", "--cacert",
                    ca.toString(), "--resolve", "www.example.test:" + tlsPort + ":127.0.0.1", "https://www.example.test:" + tlsPort + "/ssl"));
            assertThat(tls.stdout()).as(tls.all()).contains("SSL_PROTOCOL=TLSv1.3\n", "SSL_TLS_SNI=www.example.test\n",
                    "protocol=HTTP/2.0\n");
        }
    }
}
