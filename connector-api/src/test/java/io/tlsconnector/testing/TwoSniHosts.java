package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/**
 * Two name-based TLS hosts, {@code www.example.test} and {@code api.example.test}, with certificates from one
 * test CA: what the distribution tests (standalone Jetty and Tomcat, Spring Boot) serve and then check.
 */
public final class TwoSniHosts {
    public final TestPki pki = TestPki.create();
    public final TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
    public final TestPki.Issued api = pki.issueServer("api.example.test", "api.example.test");

    /** The CA clients trust, written to {@code file}. */
    public Path writeRoot(Path file) {
        return TestPki.write(file, TestPki.pem(pki.rootCertificate()));
    }

    /** An httpd configuration serving both hosts on 127.0.0.1:{@code port}, their files written to {@code dir}. */
    public String httpdConf(Path dir, int port) {
        StringBuilder conf = new StringBuilder("Listen 127.0.0.1:" + port + "\n");
        for (TestPki.Issued host : List.of(www, api)) {
            String name = host == www ? "www" : "api";
            conf.append("<VirtualHost 127.0.0.1:").append(port).append(">\n")
                    .append("  ServerName ").append(name).append(".example.test\n")
                    .append("  SSLEngine on\n")
                    .append("  SSLCertificateFile ").append(host.writeFullChain(dir, name)).append('\n')
                    .append("  SSLCertificateKeyFile ").append(host.writeKey(dir, name)).append('\n')
                    .append("  SSLOptions +StdEnvVars\n")
                    .append("</VirtualHost>\n");
        }
        return conf.toString();
    }

    /** {@code openssl s_client} with each SNI name gets that host's certificate (F30). */
    /**
     * The files a distribution test serves both hosts from, written into {@code dir}: the root CA, and an httpd
     * ssl.conf for a free port.
     */
    public Setup writeSetup(Path dir) throws java.io.IOException {
        Path tls = java.nio.file.Files.createDirectories(dir);
        Path root = writeRoot(tls.resolve("root.pem"));
        int port = DistributionProcess.freePort();
        Path conf = TestPki.write(tls.resolve("ssl.conf"), httpdConf(tls, port));
        return new Setup(root, port, conf);
    }

    /** What {@link #writeSetup} wrote: the root CA file, the port and the ssl.conf. */
    public record Setup(Path root, int port, Path conf) {
    }

    public void assertEachNameGetsItsCertificate(int port) {
        SClient.Outcome toWww = SClient.handshake(port, "www.example.test");
        assertThat(toWww.certificate()).as(toWww.output()).isEqualTo(www.certificate());
        SClient.Outcome toApi = SClient.handshake(port, "api.example.test");
        assertThat(toApi.certificate()).as(toApi.output()).isEqualTo(api.certificate());
    }
}
