package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.Pebble;
import picocli.CommandLine;

/**
 * {@code tls-samples jetty|tomcat --conf} with httpd's mod_md directives (issue 22; F12, F14, F15, F23):
 * one MDomain validated through tls-alpn-01 on the TLS port, one through http-01 on {@code --http-port},
 * both issued by a real pebble and verified by curl with pebble's root; {@code MDPrivateKeys RSA}
 * gives that domain an RSA key; {@code tlsctl acme status --conf} lists both.
 */
class HttpdConfAcmeTest {
    private static final String ALPN_HOST = "alpn.acme.test";
    private static final String HTTP_HOST = "http.acme.test";

    @TempDir
    Path dir;

    private Path conf(Pebble pebble) throws IOException {
        String vhosts = String.join("\n",
                "Listen 127.0.0.1:0",
                "MDCertificateAuthority " + pebble.directory(),
                "MDCACertificateFile " + pebble.serverCa(),
                "MDCertificateAgreement accepted",
                "MDContactEmail ops@acme.test",
                "MDStoreDir " + dir.resolve("md"),
                "MDRetryDelay 1s",
                "MDRenewWindow 33%",
                "MDomain " + ALPN_HOST,
                "MDomain " + HTTP_HOST,
                "<VirtualHost 127.0.0.1:0>",
                "  ServerName " + ALPN_HOST,
                "  SSLEngine on",
                "  MDCAChallenges tls-alpn-01",
                "</VirtualHost>",
                "<VirtualHost 127.0.0.1:0>",
                "  ServerName " + HTTP_HOST,
                "  SSLEngine on",
                "  MDCAChallenges http-01",
                "  MDPrivateKeys RSA 2048",
                "</VirtualHost>", "");
        return Files.writeString(dir.resolve("httpd.conf"), vhosts);
    }

    @Test
    void jettyGetsBothCertificatesFromTheModMdDirectives() throws Exception {
        try (Pebble pebble = Pebble.prepare(Files.createDirectories(dir.resolve("pebble")))) {
            int httpPort = freePort();
            JettySample sample = new JettySample();
            Path conf = conf(pebble);
            new CommandLine(sample).parseArgs("--conf", conf.toString(), "--http-port", Integer.toString(httpPort));
            Server server = JettySample.start(sample.bindings(), sample.redirects());
            try {
                int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
                verifyBoth(pebble, httpPort, port, conf);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void tomcatGetsBothCertificatesFromTheModMdDirectives() throws Exception {
        try (Pebble pebble = Pebble.prepare(Files.createDirectories(dir.resolve("pebble")))) {
            int httpPort = freePort();
            TomcatSample sample = new TomcatSample();
            Path conf = conf(pebble);
            new CommandLine(sample).parseArgs("--conf", conf.toString(), "--http-port", Integer.toString(httpPort));
            Tomcat tomcat = TomcatSample.start(sample.bindings(), sample.redirects());
            try {
                int port = tomcat.getService().findConnectors()[0].getLocalPort();
                verifyBoth(pebble, httpPort, port, conf);
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
    }

    private void verifyBoth(Pebble pebble, int httpPort, int port, Path conf) throws Exception {
        pebble.start(httpPort, port, null);
        Path root = pebble.issuingRoot(dir.resolve("pebble-root.pem"));
        for (String host : List.of(ALPN_HOST, HTTP_HOST)) {
            List<String> curl = List.of("curl", "-sS", "--fail", "--max-time", "10", "--cacert", root.toString(),
                    "--resolve", host + ":" + port + ":127.0.0.1", "-o", "/dev/null", "-w", "%{http_code}", "https://" + host + ":" + port + "/");
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), curl);
            while (result.exitCode() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                result = ExternalTool.run(Duration.ofSeconds(20), curl);
            }
            assertThat(result.exitCode()).as("curl verifying %s with pebble's root: %s\npebble log:\n%s", host, result.all(), pebble.log()).isZero();
            assertThat(result.stdout()).isEqualTo("200");
        }
        assertThat(storedLeaf(HTTP_HOST).getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(storedLeaf(ALPN_HOST).getPublicKey().getAlgorithm()).isEqualTo("EC");

        // tlsctl acme status: both domains, their serial and expiry, one order each, no error.
        StringWriter out = new StringWriter();
        CommandLine tlsctl = Main.commandLine();
        tlsctl.setOut(new PrintWriter(out, true));
        assertThat(tlsctl.execute("tlsctl", "acme", "status", "--conf", conf.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("DOMAIN").contains("EXPIRES", "NEXT RENEWAL", "LAST ERROR");
        for (String host : List.of(ALPN_HOST, HTTP_HOST)) {
            String serial = storedLeaf(host).getSerialNumber().toString(16);
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(host).contains(serial,
                    storedLeaf(host).getNotAfter().toInstant().toString()).matches(".* 1  -$"));
        }
    }

    private X509Certificate storedLeaf(String domain) throws Exception {
        try (var in = Files.newInputStream(dir.resolve("md/domains").resolve(domain).resolve("pubcert.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
