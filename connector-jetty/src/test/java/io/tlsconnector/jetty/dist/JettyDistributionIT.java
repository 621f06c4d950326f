package io.tlsconnector.jetty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
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
 * The {@code tls-connector} module in the real {@code org.eclipse.jetty:jetty-home} distribution (F5, F9),
 * following README's "Standalone Jetty" recipe: unpack {@code connector-jetty-<version>-jetty-base.zip} into a
 * fresh {@code $JETTY_BASE}, {@code start.jar --add-modules=tls-connector,ee10-deploy}, point
 * {@code start.d/tls-connector.ini} at an httpd mod_ssl configuration of two SNI hosts, deploy a servlet and
 * run {@code start.jar} as its own process; curl and openssl check each host's certificate and SSL_* variables.
 */
class JettyDistributionIT {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    static Path jettyHome;
    static Path base;
    static TwoSniHosts hosts;
    static Path ca;
    static int port;
    static DistributionProcess jetty;

    @BeforeAll
    static void startJetty() throws IOException {
        ExternalTool.require("curl");
        ExternalTool.require("openssl");
        jettyHome = Path.of(System.getProperty("jetty.home"));
        assertThat(jettyHome.resolve("start.jar")).as("jetty-home unpacked by the build").exists();
        base = Files.createDirectories(work.resolve("jetty-base"));
        DistributionProcess.unzip(Path.of(System.getProperty("tls.jetty-base.zip")), base);

        hosts = new TwoSniHosts();
        TwoSniHosts.Setup setup = hosts.writeSetup(work.resolve("tls"));
        ca = setup.root();
        port = setup.port();
        Path conf = setup.conf();

        // Recipe step: enable the module (and a deployer for the servlet), as Jetty users enable https.
        ExternalTool.Result added = DistributionProcess.run(base, Duration.ofSeconds(60),
                List.of(DistributionProcess.java(), "-jar", jettyHome.resolve("start.jar").toString(),
                        "--add-modules=tls-connector,ee10-deploy"));
        assertThat(added.exitCode()).as(added.all()).isZero();
        Path ini = base.resolve("start.d/tls-connector.ini");
        assertThat(ini).as(added.all()).exists();
        Files.writeString(ini, "tls-connector.host=127.0.0.1\ntls-connector.port=" + port + "\ntls-connector.httpd-conf=" + conf + "\n",
                StandardOpenOption.APPEND);
        deployServlet(base.resolve("webapps/root"));

        jetty = startJetty(base, "jetty.log");
        jetty.awaitLog("Started oejs.Server", START);
    }

    @AfterAll
    static void stopJetty() {
        if (jetty != null) {
            jetty.close();
        }
    }

    static void deployServlet(Path webapp) throws IOException {
        String classFile = SslVariablesServlet.class.getName().replace('.', '/') + ".class";
        Path target = webapp.resolve("WEB-INF/classes").resolve(classFile);
        Files.createDirectories(target.getParent());
        try (var in = SslVariablesServlet.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, target);
        }
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <servlet><servlet-name>vars</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>vars</servlet-name><url-pattern>/vars</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(SslVariablesServlet.class.getName()));
    }

    static DistributionProcess startJetty(Path base, String log, String... args) {
        List<String> command = new ArrayList<>(List.of(DistributionProcess.java(), "-jar", jettyHome.resolve("start.jar").toString()));
        command.addAll(List.of(args));
        return DistributionProcess.start("start.jar", base, Map.of(), base.resolve(log), command);
    }

    static ExternalTool.Result curl(String host) {
        return ExternalTool.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--http2", "--cacert", ca.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "-w", "HTTP=%{http_version}\n", "https://" + host + ":" + port + "/vars"));
    }

    @Test
    void eachSniHostGetsItsOwnCertificate() {
        hosts.assertEachNameGetsItsCertificate(port);
    }

    @Test
    void theServletSeesTheSslVariablesOverHttp2() {
        for (String host : List.of("www.example.test", "api.example.test")) {
            ExternalTool.Result curl = curl(host);
            assertThat(curl.exitCode()).as(curl.all() + jetty.output()).isZero();
            assertThat(curl.stdout()).as(jetty.output())
                    .contains("SSL_PROTOCOL=TLSv1.3\n", "SSL_TLS_SNI=" + host + "\n", "SSL_SERVER_S_DN_CN=" + host + "\n",
                            "io.tlsconnector.virtual_host=" + host + "\n", "protocol=HTTP/2.0\n", "HTTP=2\n")
                    .containsPattern("SSL_CIPHER=TLS_AES_(128|256)_GCM_SHA(256|384)\n")
                    // The BoringSSL engine loads from lib/tls-connector (Netty is not relocated).
                    .containsPattern("SSL_VERSION_LIBRARY=BoringSSL");
        }
        // The start-up report reaches Jetty's log: jetty-home's logging module is the SLF4J provider.
        assertThat(jetty.output()).contains("Virtual host 'www.example.test': BoringSSL", "Virtual host 'api.example.test': BoringSSL",
                "tls-connector module: TLS connector on 127.0.0.1:" + port);
    }

    @Test
    void withoutAConfigurationStartUpFailsNamingBothProperties() throws IOException {
        Path broken = Files.createDirectories(work.resolve("broken-base"));
        DistributionProcess.unzip(Path.of(System.getProperty("tls.jetty-base.zip")), broken);
        try (DistributionProcess failing = startJetty(broken, "jetty.log", "--module=tls-connector", "tls-connector.port=0")) {
            assertThat(failing.waitForExit(START)).isNotZero();
            assertThat(failing.output()).contains("tls-connector.httpd-conf", "tls-connector.config-supplier",
                    "start.d/tls-connector.ini");
        }
    }

    @Test
    void aMissingCertificateFailsStartUpNamingTheFile() throws IOException {
        Path broken = Files.createDirectories(work.resolve("missing-cert-base"));
        DistributionProcess.unzip(Path.of(System.getProperty("tls.jetty-base.zip")), broken);
        Path missing = work.resolve("tls/missing.crt");
        Path conf = TestPki.write(work.resolve("tls/missing.conf"), "Listen 127.0.0.1:" + port + "\n<VirtualHost 127.0.0.1:" + port
                + ">\n  ServerName www.example.test\n  SSLEngine on\n  SSLCertificateFile " + missing
                + "\n  SSLCertificateKeyFile " + work.resolve("tls/www.key") + "\n</VirtualHost>\n");
        try (DistributionProcess failing = startJetty(broken, "jetty.log", "--module=tls-connector", "tls-connector.port=0",
                "tls-connector.host=127.0.0.1", "tls-connector.httpd-conf=" + conf)) {
            assertThat(failing.waitForExit(START)).isNotZero();
            assertThat(failing.output()).contains("virtual host 'www.example.test', " + missing
                    + ": cannot read the certificate file: no such file.");
        }
    }

    @Test
    void jettysOwnSslHttpsAndHttp2ModulesAreRefusedBesideIt() throws IOException {
        for (String jettys : List.of("ssl", "https", "http2")) {
            Path both = Files.createDirectories(work.resolve("with-" + jettys));
            DistributionProcess.unzip(Path.of(System.getProperty("tls.jetty-base.zip")), both);
            ExternalTool.Result added = DistributionProcess.run(both, Duration.ofSeconds(60),
                    List.of(DistributionProcess.java(), "-jar", jettyHome.resolve("start.jar").toString(),
                            "--add-modules=tls-connector," + jettys));
            assertThat(added.exitCode()).as(added.all()).isNotZero();
            assertThat(added.all()).contains("provides " + jettys + ", which is already provided by tls-connector");
        }
    }
}
