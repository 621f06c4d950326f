package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.GoldenFixtures;
import picocli.CommandLine;

/** {@code --conf}: both sample servers serve an httpd configuration. */
class HttpdConfOptionTest {
    @TempDir
    Path dir;

    /** The golden fixture's certificates, two name-based virtual hosts on an ephemeral port of 127.0.0.1. */
    private Path conf(String listen, String... extra) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("Listen " + listen));
        for (String name : List.of("localhost", "www.example.test")) {
            lines.addAll(List.of("<VirtualHost " + listen + ">", "  ServerName " + name, "  SSLEngine on",
                    "  SSLCertificateFile ${G}/certs/server.crt", "  SSLCertificateKeyFile ${G}/certs/server.key",
                    "  SSLOptions +StdEnvVars", "</VirtualHost>"));
        }
        lines.addAll(List.of(extra));
        Path file = dir.resolve("httpd.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private <T extends SampleServer> T parsed(T sample, String... args) {
        new CommandLine(sample).parseArgs(args);
        return sample;
    }

    /** The sample's /printenv page as text: NAME=value lines. */
    private Map<String, String> printenv(int port, String host) {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, List.of("curl", "-sS", "--max-time", "20",
                "--cacert", GoldenFixtures.certificate("ca.crt").toString(), "--resolve", host + ":" + port + ":127.0.0.1",
                "https://" + host + ":" + port + "/printenv?format=text"));
        assertThat(result.exitCode()).as(result.all()).isZero();
        Map<String, String> variables = new java.util.TreeMap<>();
        result.stdout().lines().filter(l -> l.contains("=")).forEach(l -> variables.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return variables;
    }

    @Nested
    class SampleServers {
        @Test
        void jettyServesTheVirtualHostsOfTheConfiguration() throws Exception {
            JettySample sample = parsed(new JettySample(), "--conf", conf("127.0.0.1:0").toString(), "-D", "G=" + GoldenFixtures.dir());
            Server server = JettySample.start(sample.bindings());
            try {
                int port = ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
                assertThat(printenv(port, "www.example.test")).containsEntry("SSL_TLS_SNI", "www.example.test")
                        .containsEntry("SSL_SERVER_S_DN_CN", "localhost");
            } finally {
                server.stop();
            }
        }

        @Test
        void tomcatServesTheVirtualHostsOfTheConfiguration() throws Exception {
            TomcatSample sample = parsed(new TomcatSample(), "--conf", conf("127.0.0.1:0").toString(), "-D", "G=" + GoldenFixtures.dir());
            Tomcat tomcat = TomcatSample.start(sample.bindings());
            try {
                int port = tomcat.getService().findConnectors()[0].getLocalPort();
                assertThat(printenv(port, "localhost")).containsEntry("SSL_TLS_SNI", "localhost").containsEntry("HTTPS", "on");
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }

        @Test
        void theListenPortComesFromTheConfigurationUnlessPortIsGiven() throws IOException {
            Path file = conf("127.0.0.1:8443");
            String define = "G=" + GoldenFixtures.dir();
            assertThat(parsed(new JettySample(), "--conf", file.toString(), "-D", define).bindings())
                    .extracting(SampleServer.Binding::host, SampleServer.Binding::port).containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", 8443));
            assertThat(parsed(new TomcatSample(), "--conf", file.toString(), "-D", define, "--port", "9443").bindings())
                    .extracting(SampleServer.Binding::port).containsExactly(9443);
        }
    }
}
