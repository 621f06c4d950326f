package io.tlsconnector.tomcat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.testing.DistributionProcess;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TwoSniHosts;

/**
 * The connector in the real {@code org.apache.tomcat:tomcat} distribution (F5, F9), following README's
 * "Standalone Tomcat" recipe: {@code connector-tomcat-<version>-bundle.jar} in {@code lib/}, one
 * {@code <Connector ... httpdConf="...">} in {@code server.xml} (no Valve, no jarsToSkip edit), a JSP printing
 * SSL_* variables, {@code bin/catalina.sh run} as its own process; curl and openssl check both SNI hosts.
 */
class TomcatDistributionIT {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    static Path work;
    static TwoSniHosts hosts;
    static Path ca;
    static int port;
    static DistributionProcess tomcat;

    @BeforeAll
    static void startTomcat() throws IOException {
        ExternalTool.require("curl");
        ExternalTool.require("openssl");
        ExternalTool.require("sh");
        hosts = new TwoSniHosts();
        TwoSniHosts.Setup setup = hosts.writeSetup(work.resolve("tls"));
        ca = setup.root();
        port = setup.port();
        Path conf = setup.conf();

        Path base = tomcatWithConnector(work.resolve("tomcat"), "httpdConf=\"" + conf + "\"");
        Files.writeString(base.resolve("webapps/ROOT/index.jsp"), """
                <%@ page contentType="text/plain; charset=UTF-8" %>SSL_PROTOCOL=<%= request.getAttribute("SSL_PROTOCOL") %>
                SSL_TLS_SNI=<%= request.getAttribute("SSL_TLS_SNI") %>
                SSL_SERVER_S_DN_CN=<%= request.getAttribute("SSL_SERVER_S_DN_CN") %>
                SSL_VERSION_LIBRARY=<%= request.getAttribute("SSL_VERSION_LIBRARY") %>
                protocol=<%= request.getProtocol() %>
                secure=<%= request.isSecure() %>
                """);
        tomcat = catalinaRun(base);
        tomcat.awaitLog("Server startup in", START);
    }

    @AfterAll
    static void stopTomcat() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /**
     * A copy of the distribution ($CATALINA_HOME = $CATALINA_BASE) with the bundle in lib/ and the connector
     * in server.xml; Tomcat's own HTTP connector moves to a free port and the shutdown port is off, so tests
     * never meet another Tomcat on this machine.
     */
    static Path tomcatWithConnector(Path target, String tlsAttributes) throws IOException {
        Path home = Path.of(System.getProperty("catalina.home.dist"));
        assertThat(home.resolve("bin/catalina.sh")).as("the Tomcat distribution unpacked by the build").exists();
        copyTree(home, target);
        Path bundle = Path.of(System.getProperty("tls.tomcat.bundle"));
        Files.copy(bundle, target.resolve("lib").resolve(bundle.getFileName()));
        Path serverXml = target.resolve("conf/server.xml");
        String xml = Files.readString(serverXml)
                .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + DistributionProcess.freePort() + "\" address=\"127.0.0.1\"");
        String connector = "\n    <Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"io.tlsconnector.tomcat.TlsNioProtocol\"\n"
                + "               " + tlsAttributes + "/>\n";
        int service = xml.indexOf("<Service name=\"Catalina\">");
        assertThat(service).as("server.xml has the Catalina service").isPositive();
        int at = service + "<Service name=\"Catalina\">".length();
        Files.writeString(serverXml, xml.substring(0, at) + connector + xml.substring(at));
        return target;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static DistributionProcess catalinaRun(Path base) {
        Map<String, String> env = Map.of("CATALINA_HOME", base.toString(), "CATALINA_BASE", base.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xmx256m", "CATALINA_PID", "");
        return DistributionProcess.start("catalina.sh run", base, env, base.resolve("catalina-run.log"),
                List.of("sh", base.resolve("bin/catalina.sh").toString(), "run"));
    }

    @Test
    void eachSniHostGetsItsOwnCertificate() {
        hosts.assertEachNameGetsItsCertificate(port);
    }

    @Test
    void aJspSeesTheSslVariablesWithoutAValveInServerXml() {
        for (String host : List.of("www.example.test", "api.example.test")) {
            ExternalTool.Result curl = ExternalTool.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--http2", "--cacert",
                    ca.toString(), "--resolve", host + ":" + port + ":127.0.0.1", "-w", "HTTP=%{http_version}\n",
                    "https://" + host + ":" + port + "/"));
            assertThat(curl.exitCode()).as(curl.all() + tomcat.output()).isZero();
            assertThat(curl.stdout()).as(tomcat.output())
                    .contains("SSL_PROTOCOL=TLSv1.3\n", "SSL_TLS_SNI=" + host + "\n", "SSL_SERVER_S_DN_CN=" + host + "\n",
                            "protocol=HTTP/2.0\n", "secure=true\n", "HTTP=2\n")
                    // BoringSSL's native library loads from the bundle (Netty is not relocated).
                    .containsPattern("SSL_VERSION_LIBRARY=BoringSSL");
        }
    }

    @Test
    void theStartUpLogNamesTheRealCertificatesAndIsQuick() {
        String log = tomcat.output();
        // The bundle carries an SLF4J provider: the connector's start-up report reaches catalina's log.
        assertThat(log).contains("Virtual host 'www.example.test': BoringSSL", "Virtual host 'api.example.test': BoringSSL")
                // Each host's line names its real files and the engine, not Tomcat's default keystore.
                .containsPattern("TLS virtual host \\[www\\.example\\.test\\]: certificate\\(s\\) from [^\\n]*"
                        + Pattern.quote(work.resolve("tls/www").toString()) + "[^\\n]*, engine BoringSSL")
                .doesNotContain(".keystore").doesNotContain("using alias [tomcat]");
        // One bundle jar, no jarsToSkip line: Tomcat's jar scan stays quick (F5; was 44-61 s with the loose jars).
        Matcher startup = Pattern.compile("Server startup in \\[([0-9,.]+)\\] milliseconds").matcher(log);
        assertThat(startup.find()).as(log).isTrue();
        assertThat(Long.parseLong(startup.group(1).replaceAll("[,.]", ""))).as(log).isLessThan(20_000);
    }

    @Test
    void aBadConfigurationFailsTomcatsStartUpNamingTheAttribute() throws IOException {
        Path missing = work.resolve("no-such-ssl.conf");
        Path base = tomcatWithConnector(work.resolve("tomcat-bad"), "httpdConf=\"" + missing + "\"");
        try (DistributionProcess bad = catalinaRun(base)) {
            // Not Tomcat up on plain HTTP without HTTPS: catalina.sh ends with an error, naming the attribute and file.
            assertThat(bad.waitForExit(START)).as(bad.output()).isNotZero();
            assertThat(bad.output()).contains("httpdConf=" + missing, "the file does not exist", "conf/server.xml")
                    .doesNotContain("Server startup in");
        }
    }
}
