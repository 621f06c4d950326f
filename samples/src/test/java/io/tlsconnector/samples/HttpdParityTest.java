package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tlsconnector.testing.ApacheHttpd;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.GoldenFixtures;
import picocli.CommandLine;

/**
 * Issue 19, acceptance 1 (F5, F13): one httpd configuration, served by a real httpd and by each sample
 * server beside it — an HSTS header, a {@code :80} vhost that redirects with the common RewriteRule, a
 * {@code <Location /admin>} with {@code SSLVerifyClient require} on a host that asks optionally, and a
 * {@code <Location /private>} with {@code Require all denied}. The same requests get the same status,
 * the same HSTS header and the same redirect Location from both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpdParityTest {
    private static final String HOST = "www.example.test";

    @TempDir
    static Path dir;
    private Path conf;
    private ApacheHttpd httpd;
    private int httpdTls;
    private int httpdPlain;

    /** The configuration both read; ports come from Defines (the wrapper for httpd, -D for the sample). */
    @BeforeAll
    void startHttpd() throws IOException {
        ExternalTool.require("curl");
        Path htdocs = Files.createDirectories(dir.resolve("htdocs"));
        for (String path : List.of("ok.txt", "admin/ok.txt", "private/ok.txt")) {
            Files.createDirectories(htdocs.resolve(path).getParent());
            Files.writeString(htdocs.resolve(path), "ok\n");
        }
        for (Path p = htdocs; p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path p : List.of(htdocs.resolve("ok.txt"), htdocs.resolve("admin/ok.txt"), htdocs.resolve("private/ok.txt"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(htdocs.resolve("admin"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(htdocs.resolve("private"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ApacheHttpd.openToHttpd(dir);
        conf = dir.resolve("ssl.conf");
        Files.writeString(conf, String.join("\n",
                "Listen 127.0.0.1:${HTTP_PORT}",
                "Listen 127.0.0.1:${TLS_PORT} https",
                "<VirtualHost 127.0.0.1:${HTTP_PORT}>",
                "    ServerName " + HOST,
                "    RewriteEngine On",
                "    RewriteRule ^(.*)$ https://%{HTTP_HOST}$1 [R=301,L]",
                "</VirtualHost>",
                "<VirtualHost 127.0.0.1:${TLS_PORT}>",
                "    ServerName " + HOST,
                "    DocumentRoot \"" + htdocs + "\"",
                "    SSLEngine on",
                "    SSLCertificateFile ${G}/certs/server.crt",
                "    SSLCertificateKeyFile ${G}/certs/server.key",
                "    SSLCACertificateFile ${G}/certs/ca.crt",
                "    SSLVerifyClient optional",
                "    Header always set Strict-Transport-Security \"max-age=63072000; includeSubDomains\"",
                "    <Directory \"" + htdocs + "\">",
                "        Require all granted",
                "    </Directory>",
                "    <Location /admin>",
                "        SSLVerifyClient require",
                "    </Location>",
                "    <Location /private>",
                "        Require all denied",
                "    </Location>",
                "</VirtualHost>", ""));
        httpdTls = ApacheHttpd.freeLocalPort();
        httpdPlain = ApacheHttpd.freeLocalPort();
        Path wrapper = dir.resolve("httpd.conf");
        Files.writeString(wrapper, "Define TLS_PORT " + httpdTls + "\nDefine HTTP_PORT " + httpdPlain + "\nDefine G \"" + GoldenFixtures.dir()
                + "\"\n" + ApacheHttpd.preamble(dir.resolve("run"), "mpm_prefork", "authz_core", "rewrite", "headers", "socache_shmcb", "ssl")
                + "SSLSessionCache \"shmcb:" + dir.resolve("run") + "/scache(512000)\"\nInclude \"" + conf + "\"\n");
        Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        httpd = ApacheHttpd.startConfiguration(dir.resolve("run"), wrapper, httpdTls);
    }

    @AfterAll
    void stopHttpd() {
        if (httpd != null) {
            httpd.close();
        }
    }

    /** Status line, HSTS and Location of one request; the client certificate when {@code withCertificate}. */
    private static String answer(String url, int port, boolean withCertificate) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "20",
                "--cacert", GoldenFixtures.certificate("ca.crt").toString(), "--resolve", HOST + ":" + port + ":127.0.0.1",
                "-H", "Host: " + HOST));
        if (withCertificate) {
            // TLS 1.2: httpd renegotiates to ask for the certificate a <Location> requires; over TLS 1.3 it needs
            // post-handshake authentication, which curl does not offer, and answers 403 even to a client with one.
            command.addAll(List.of("--cert", GoldenFixtures.certificate("client.crt").toString(),
                    "--key", GoldenFixtures.certificate("client.key").toString(), "--tls-max", "1.2"));
        }
        command.add(url);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, command);
        assertThat(result.exitCode()).as(result.all()).isZero();
        List<String> kept = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.startsWith("HTTP/")) {
                kept.add(line.split(" ")[1]);
            } else if (lower.startsWith("strict-transport-security:") || lower.startsWith("location:")) {
                kept.add(lower.substring(0, lower.indexOf(':')) + ": " + line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return String.join(" | ", kept);
    }

    private List<String> answers(int tls, int plain) {
        String https = "https://" + HOST + ":" + tls;
        return List.of(
                answer(https + "/ok.txt", tls, false),
                answer(https + "/admin/ok.txt", tls, false),
                answer(https + "/admin/ok.txt", tls, true),
                answer(https + "/private/ok.txt", tls, true),
                answer("http://" + HOST + ":" + plain + "/some/ok.txt?x=1", plain, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SampleKind.class)
    void theSampleAnswersAsHttpdDoesOnTheSameConfiguration(SampleKind kind) throws Exception {
        List<String> expected = answers(httpdTls, httpdPlain);
        assertThat(expected).as("httpd's answers").containsExactly(
                "200 | strict-transport-security: max-age=63072000; includeSubDomains",
                "403 | strict-transport-security: max-age=63072000; includeSubDomains",
                "200 | strict-transport-security: max-age=63072000; includeSubDomains",
                "403 | strict-transport-security: max-age=63072000; includeSubDomains",
                "301 | location: https://" + HOST + "/some/ok.txt?x=1");
        int tls = ApacheHttpd.freeLocalPort();
        int plain = ApacheHttpd.freeLocalPort();
        String[] args = {"--conf", conf.toString(), "-D", "G=" + GoldenFixtures.dir(), "-D", "TLS_PORT=" + tls, "-D", "HTTP_PORT=" + plain};
        if (kind == SampleKind.JETTY) {
            JettySample sample = new JettySample();
            new CommandLine(sample).parseArgs(args);
            Server server = JettySample.start(sample.bindings(), sample.redirects());
            try {
                assertThat(answers(tls, plain)).isEqualTo(expected);
            } finally {
                server.stop();
            }
        } else {
            TomcatSample sample = new TomcatSample();
            new CommandLine(sample).parseArgs(args);
            Tomcat tomcat = TomcatSample.start(sample.bindings(), sample.redirects());
            try {
                assertThat(answers(tls, plain)).isEqualTo(expected);
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
    }
}
