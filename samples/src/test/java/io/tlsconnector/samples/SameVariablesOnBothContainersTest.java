package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/**
 * One configuration on Jetty and on Tomcat, asked by the same client with the same certificate,
 * protocol and cipher: the printenv pages list the same SSL_* variables with the same values, the
 * session id aside (F10). This is what lets an application move between the two containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameVariablesOnBothContainersTest {
    private Path dir;
    private Path rootPem;
    private TestPki.Issued client;
    private Server jetty;
    private Tomcat tomcat;
    private int jettyPort;
    private int tomcatPort;

    @BeforeAll
    void startBoth(@TempDir Path files) throws Exception {
        dir = files;
        TestPki pki = TestPki.create();
        TestPki.Issued server = pki.issueServer("www.example.test", "www.example.test");
        client = pki.issueServer("Jane Client");
        rootPem = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        TlsConfig config = TlsConfig.builder()
                .virtualHost(VirtualHost.builder("www.example.test")
                        .certificate(CertificateSource.pem(server.writeFullChain(dir, "server"), server.writeKey(dir, "server")))
                        .verifyClient(VerifyClient.OPTIONAL)
                        .verifyDepth(2) // root -> intermediate -> client, as TestPki issues it
                        .caCertificateFile(rootPem)
                        .options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA)
                        .build())
                .build();
        jetty = JettySample.start("127.0.0.1", 0, config);
        jettyPort = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        tomcat = TomcatSample.start("127.0.0.1", 0, config);
        tomcatPort = tomcat.getService().findConnectors()[0].getLocalPort();
    }

    @AfterAll
    void stopBoth() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--tlsv1.3, TLS_AES_256_GCM_SHA384", "--tlsv1.2, ECDHE-ECDSA-AES128-GCM-SHA256"})
    void theSameClientSeesTheSameVariablesOnJettyAndTomcat(String protocol, String cipher) {
        String onJetty = printenv(jettyPort, protocol, cipher);
        String onTomcat = printenv(tomcatPort, protocol, cipher);
        assertThat(onJetty).contains("SSL_CLIENT_VERIFY=SUCCESS").contains("SSL_TLS_SNI=www.example.test")
                .contains("SSL_CLIENT_S_DN_CN=Jane Client").contains("SSL_SERVER_CERT=-----BEGIN CERTIFICATE-----");
        assertThat(withoutSessionId(onTomcat)).isEqualTo(withoutSessionId(onJetty));
    }

    private String printenv(int port, String protocol, String cipher) {
        List<String> command = List.of("curl", "-sS", protocol, "--tls-max", protocol.equals("--tlsv1.3") ? "1.3" : "1.2",
                protocol.equals("--tlsv1.3") ? "--tls13-ciphers" : "--ciphers", cipher,
                "--cacert", rootPem.toString(), "--cert", client.writeFullChain(dir, "client").toString(),
                "--key", client.writeKey(dir, "client").toString(),
                "--resolve", "www.example.test:" + port + ":127.0.0.1", "https://www.example.test:" + port + "/printenv?format=text");
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), command);
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result.stdout();
    }

    private static String withoutSessionId(String printenv) {
        return printenv.lines().filter(line -> !line.startsWith("SSL_SESSION_ID=")).collect(Collectors.joining("\n"));
    }
}
