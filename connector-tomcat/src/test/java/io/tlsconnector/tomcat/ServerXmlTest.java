package io.tlsconnector.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Catalina;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.SClient;
import io.tlsconnector.testing.TestPki;

/**
 * The connector dropped into a standalone Tomcat through {@code server.xml}, as README documents it:
 * the {@code protocol} attribute names {@link TlsNioProtocol}, {@code tlsConfigSupplier} names the
 * class that describes the TLS configuration.
 */
class ServerXmlTest {
    static Path certificate;
    static Path key;

    /** What an operator writes: a {@code Supplier<TlsConfig>} on Tomcat's class path. */
    public static final class OperatorConfig implements Supplier<TlsConfig> {
        @Override
        public TlsConfig get() {
            return TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("www.example.test")
                            .certificate(CertificateSource.pem(certificate, key))
                            .build())
                    .build();
        }
    }

    @Test
    void aServerXmlConnectorServesTheSuppliedConfiguration(@TempDir Path base) throws Exception {
        TestPki pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
        certificate = www.writeFullChain(base, "www");
        key = www.writeKey(base, "www");
        Files.createDirectories(base.resolve("conf"));
        Files.createDirectories(base.resolve("webapps"));
        Files.writeString(base.resolve("conf/server.xml"), """
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="0" protocol="io.tlsconnector.tomcat.TlsNioProtocol"
                               scheme="https" secure="true"
                               tlsConfigSupplier="io.tlsconnector.tomcat.ServerXmlTest$OperatorConfig"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Valve className="io.tlsconnector.tomcat.TlsAttributesValve"/>
                      <Host name="localhost" appBase="webapps" autoDeploy="false" unpackWARs="false"/>
                    </Engine>
                  </Service>
                </Server>
                """);
        String previousBase = System.getProperty("catalina.base");
        System.setProperty("catalina.base", base.toString());
        Catalina catalina = new Catalina();
        catalina.setUseShutdownHook(false);
        try {
            catalina.load();
            catalina.start();
            Connector connector = catalina.getServer().findServices()[0].findConnectors()[0];
            int port = connector.getLocalPort();

            SClient.Outcome outcome = SClient.handshake(port, "www.example.test");
            assertThat(outcome.certificate()).as(outcome.output()).isEqualTo(www.certificate());

            Path ca = TestPki.write(base.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
            // No web application is deployed: Tomcat's own 404 page, sent over the verified TLS connection.
            ExternalTool.Result curl = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "--http2", "--cacert",
                    ca.toString(), "--resolve", "www.example.test:" + port + ":127.0.0.1", "-w", "\n%{http_version} %{http_code}",
                    "https://www.example.test:" + port + "/"));
            assertThat(curl.exitCode()).as(curl.all()).isZero();
            assertThat(curl.stdout()).contains("Apache Tomcat/").endsWith("\n2 404");
        } finally {
            catalina.stop();
            if (previousBase == null) {
                System.clearProperty("catalina.base");
            } else {
                System.setProperty("catalina.base", previousBase);
            }
        }
    }
}
