package io.tlsconnector.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tlsconnector.testing.DistributionProcess;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.SClient;
import io.tlsconnector.testing.TestPki;

/**
 * The auto-configuration on Spring Boot 4.0's embedded Jetty 12.1 (F5): {@code tls-connector.*} replaces
 * server.ssl on server.port, or adds a TLS connector on {@code tls-connector.port}; SSL_* variables reach a
 * {@code @RestController}; a configuration problem fails the application's start naming the property.
 */
class JettyBootTest {
    @SpringBootApplication
    @RestController
    public static class App {
        @GetMapping(value = "/ssl", produces = "text/plain")
        public String ssl(HttpServletRequest request) {
            return "SSL_PROTOCOL=" + request.getAttribute("SSL_PROTOCOL") + "\nSSL_TLS_SNI=" + request.getAttribute("SSL_TLS_SNI")
                    + "\nscheme=" + request.getScheme() + "\n";
        }
    }

    @TempDir
    static Path dir;

    static Map<String, Object> twoHosts(TestPki.Issued www, TestPki.Issued api) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.address", "127.0.0.1");
        p.put("server.port", "0");
        p.put("tls-connector.virtual-hosts[0].server-name", "www.example.test");
        p.put("tls-connector.virtual-hosts[0].certificate", www.writeFullChain(dir, "www").toString());
        p.put("tls-connector.virtual-hosts[0].key", www.writeKey(dir, "www").toString());
        p.put("tls-connector.virtual-hosts[0].options", "+StdEnvVars");
        p.put("tls-connector.virtual-hosts[1].server-name", "api.example.test");
        p.put("tls-connector.virtual-hosts[1].certificate", api.writeFullChain(dir, "api").toString());
        p.put("tls-connector.virtual-hosts[1].key", api.writeKey(dir, "api").toString());
        p.put("tls-connector.virtual-hosts[1].options", "+StdEnvVars");
        return p;
    }

    static ConfigurableApplicationContext run(Map<String, Object> properties) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setDefaultProperties(properties);
        return app.run();
    }

    static ExternalTool.Result curl(Path ca, String host, int port, String scheme) {
        return ExternalTool.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--cacert", ca.toString(), "--resolve",
                host + ":" + port + ":127.0.0.1", scheme + "://" + host + ":" + port + "/ssl"));
    }

    @Test
    void theConnectorTakesServerPortOnJetty() {
        ExternalTool.require("curl");
        TestPki pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
        TestPki.Issued api = pki.issueServer("api.example.test", "api.example.test");
        Path ca = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        try (ConfigurableApplicationContext context = run(twoHosts(www, api))) {
            assertThat(((WebServerApplicationContext) context).getWebServer().getClass().getName()).contains("Jetty");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(SClient.handshake(port, "api.example.test").certificate()).isEqualTo(api.certificate());
            for (String host : List.of("www.example.test", "api.example.test")) {
                ExternalTool.Result curl = curl(ca, host, port, "https");
                assertThat(curl.exitCode()).as(curl.all()).isZero();
                assertThat(curl.stdout()).contains("SSL_PROTOCOL=TLSv1.3\n", "SSL_TLS_SNI=" + host + "\n", "scheme=https\n");
            }
        }
    }

    @Test
    void tlsConnectorPortAddsTheConnectorBesideBootsHttp() {
        ExternalTool.require("curl");
        TestPki pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
        TestPki.Issued api = pki.issueServer("api.example.test", "api.example.test");
        Path ca = TestPki.write(dir.resolve("root2.pem"), TestPki.pem(pki.rootCertificate()));
        int tlsPort = DistributionProcess.freePort();
        Map<String, Object> properties = twoHosts(www, api);
        properties.put("tls-connector.port", String.valueOf(tlsPort));
        try (ConfigurableApplicationContext context = run(properties)) {
            int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
            ExternalTool.Result plain = curl(ca, "www.example.test", httpPort, "http");
            assertThat(plain.stdout()).as(plain.all()).contains("SSL_PROTOCOL=null", "scheme=http\n");
            ExternalTool.Result tls = curl(ca, "api.example.test", tlsPort, "https");
            assertThat(tls.stdout()).as(tls.all()).contains("SSL_TLS_SNI=api.example.test\n", "scheme=https\n");
        }
    }

    @Test
    void aMissingCertificateFailsTheStartNamingTheFile() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", "0");
        properties.put("tls-connector.virtual-hosts[0].server-name", "www.example.test");
        properties.put("tls-connector.virtual-hosts[0].certificate", dir.resolve("missing.crt").toString());
        properties.put("tls-connector.virtual-hosts[0].key", dir.resolve("missing.key").toString());
        assertThatThrownBy(() -> run(properties).close())
                .rootCause().hasMessageContaining(dir.resolve("missing.crt").toString());
    }
}
