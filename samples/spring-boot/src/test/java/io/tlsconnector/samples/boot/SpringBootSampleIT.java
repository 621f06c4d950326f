package io.tlsconnector.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.DistributionProcess;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TwoSniHosts;

/**
 * The Spring Boot 4.0 sample, as README's "Spring Boot 4.0" recipe runs it (F5): {@code java -jar
 * tls-spring-boot-sample.jar} in a directory whose {@code application.properties} alone configures two SNI hosts
 * with {@code tls-connector.*}; the connector replaces server.ssl on server.port of the embedded Tomcat 11.
 */
class SpringBootSampleIT {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    static Path work;
    static TwoSniHosts hosts;
    static TestPki.Issued www;
    static TestPki.Issued api;
    static Path ca;
    static int port;
    static DistributionProcess app;

    @BeforeAll
    static void startApplication() throws IOException {
        ExternalTool.require("curl");
        ExternalTool.require("openssl");
        hosts = new TwoSniHosts();
        www = hosts.www;
        api = hosts.api;
        Path dir = Files.createDirectories(work.resolve("app"));
        ca = hosts.writeRoot(dir.resolve("root.pem"));
        port = DistributionProcess.freePort();
        Files.writeString(dir.resolve("application.properties"), properties(dir, port));
        app = start(dir);
        app.awaitLog("Started SpringBootSample", START);
    }

    @AfterAll
    static void stopApplication() {
        if (app != null) {
            app.close();
        }
    }

    static String properties(Path dir, int port) {
        StringBuilder p = new StringBuilder("server.port=" + port + "\nserver.address=127.0.0.1\n");
        int i = 0;
        for (TestPki.Issued host : List.of(www, api)) {
            String name = host == www ? "www" : "api";
            String prefix = "tls-connector.virtual-hosts[" + i++ + "].";
            p.append(prefix).append("server-name=").append(name).append(".example.test\n")
                    .append(prefix).append("certificate=").append(host.writeFullChain(dir, name)).append('\n')
                    .append(prefix).append("key=").append(host.writeKey(dir, name)).append('\n')
                    .append(prefix).append("options=+StdEnvVars\n");
            if (host == api) {
                p.append(prefix).append("protocols=TLSv1.3\n");
            }
        }
        p.append("management.endpoints.web.exposure.include=health\n")
                .append("management.endpoint.health.show-components=always\n")
                .append("management.endpoint.health.show-details=always\n");
        return p.toString();
    }

    static DistributionProcess start(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(DistributionProcess.java(), "-Xmx256m", "-jar",
                System.getProperty("sample.boot.jar")));
        command.addAll(List.of(args));
        return DistributionProcess.start("java -jar tls-spring-boot-sample.jar", dir, Map.of(),
                dir.resolve("app-" + System.nanoTime() + ".log"), command);
    }

    static ExternalTool.Result curl(String host, String path) {
        return ExternalTool.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--http2", "--cacert", ca.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "https://" + host + ":" + port + path));
    }

    @Test
    void sniRoutesEachNameToItsCertificate() {
        hosts.assertEachNameGetsItsCertificate(port);
    }

    @Test
    void aRestControllerSeesTheSslVariables() {
        for (String host : List.of("www.example.test", "api.example.test")) {
            ExternalTool.Result curl = curl(host, "/ssl");
            assertThat(curl.exitCode()).as(curl.all() + app.output()).isZero();
            assertThat(curl.stdout()).as(app.output())
                    .contains("SSL_PROTOCOL=TLSv1.3\n", "SSL_TLS_SNI=" + host + "\n", "SSL_SERVER_S_DN_CN=" + host + "\n",
                            "io.tlsconnector.virtual_host=" + host + "\n", "protocol=HTTP/2.0\n")
                    .containsPattern("SSL_VERSION_LIBRARY=BoringSSL");
        }
    }

    @Test
    void actuatorHealthShowsTheVirtualHostsTheirExpiryAndTheEngine() {
        ExternalTool.Result curl = curl("www.example.test", "/actuator/health/tlsConnector");
        assertThat(curl.exitCode()).as(curl.all()).isZero();
        assertThat(curl.stdout()).as(app.output())
                .contains("\"status\":\"UP\"", "\"serverName\":\"www.example.test\"", "\"serverName\":\"api.example.test\"",
                        "\"notAfter\":\"" + www.certificate().getNotAfter().toInstant())
                .containsPattern("\"engine\":\"[^\"]*BoringSSL[^\"]*\"")
                .containsPattern("\"daysLeft\":[0-9]+")
                // F3: this very request's handshake is counted, and BoringSSL tells resumed ones apart.
                .containsPattern("\"sessions\":\\{\"cachedSessions\":[0-9]+,\"cacheLimit\":[1-9][0-9]*,\"handshakes\":[1-9][0-9]*,\"resumed\":[0-9]+\\}");
    }

    @Test
    void serverSslBesideTheConnectorFailsStartUp() throws IOException {
        Path dir = Files.createDirectories(work.resolve("both"));
        Files.writeString(dir.resolve("application.properties"), properties(dir, DistributionProcess.freePort())
                + "server.ssl.certificate=" + www.writeFullChain(dir, "boot") + "\nserver.ssl.certificate-private-key="
                + www.writeKey(dir, "boot") + "\n");
        try (DistributionProcess both = start(dir)) {
            assertThat(both.waitForExit(START)).as(both.output()).isNotZero();
            assertThat(both.output()).contains("Both server.ssl.* and tls-connector.* are set");
        }
    }
}
