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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tlsconnector.config.httpd.HttpdConf;
import io.tlsconnector.config.httpd.HttpdConfReport;
import io.tlsconnector.testing.ApacheHttpd;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.GoldenFixtures;
import picocli.CommandLine;

/**
 * Issue 19 (F5, F9, F13): one httpd configuration, served by a real httpd and by each sample server beside it,
 * answers the same requests with the same status, the same HSTS header and the same redirect Location. The
 * configurations are what a migrating operator brings: name-based hosts with a {@code <Location>} that demands a
 * certificate and one that is denied; certbot's vhost pair with its {@code options-ssl-apache.conf}; Mozilla's
 * "intermediate" httpd snippet. The last two also load strictly with nothing unsupported (acceptance 2).
 */
class HttpdParityTest {
    private static final String HOST = "www.example.test";

    @TempDir
    static Path dir;
    private static Path htdocs;

    @BeforeAll
    static void content() throws IOException {
        ExternalTool.require("curl");
        htdocs = Files.createDirectories(dir.resolve("htdocs"));
        for (String path : List.of("ok.txt", "admin/ok.txt", "private/ok.txt")) {
            Path file = htdocs.resolve(path);
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(file, "ok\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ApacheHttpd.openToHttpd(dir);
    }

    /** Name-based hosts: HSTS, a certificate-demanding and a denied {@code <Location>}, the common :80 RewriteRule. */
    private static String locations() {
        return String.join("\n",
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
                "</VirtualHost>", "");
    }

    /** What certbot's Apache plugin writes: the :80 redirect, the le-ssl vhost and options-ssl-apache.conf (with --hsts). */
    private static String certbot() throws IOException {
        Path options = dir.resolve("options-ssl-apache.conf");
        Files.writeString(options, String.join("\n",
                "# This file contains important security parameters. If you modify this file",
                "# manually, Certbot will be unable to automatically provide future security",
                "# updates. Instead, Certbot will print and log an error message with a path to",
                "# the up-to-date file that you will need to refer to when manually updating",
                "# this file. Contents are based on https://ssl-config.mozilla.org",
                "",
                "SSLEngine on",
                "",
                "# Intermediate configuration, tweak to your needs",
                "SSLProtocol             all -SSLv2 -SSLv3 -TLSv1 -TLSv1.1",
                "SSLCipherSuite          ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:"
                        + "DHE-RSA-AES256-GCM-SHA384",
                "SSLHonorCipherOrder     off",
                "SSLSessionTickets       off",
                "",
                "SSLOptions +StrictRequire",
                "",
                "# Add vhost name to log entries:",
                "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"\" vhost_combined",
                "LogFormat \"%v %h %l %u %t \\\"%r\\\" %>s %b\" vhost_common", ""));
        Files.setPosixFilePermissions(options, PosixFilePermissions.fromString("rw-r--r--"));
        return String.join("\n",
                "Listen 127.0.0.1:${HTTP_PORT}",
                "Listen 127.0.0.1:${TLS_PORT}",
                "<VirtualHost 127.0.0.1:${HTTP_PORT}>",
                "    ServerName " + HOST,
                "    DocumentRoot \"" + htdocs + "\"",
                "RewriteEngine on",
                "RewriteCond %{SERVER_NAME} =" + HOST,
                "RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [END,NE,R=permanent]",
                "</VirtualHost>",
                "<IfModule mod_ssl.c>",
                "<VirtualHost 127.0.0.1:${TLS_PORT}>",
                "    ServerName " + HOST,
                "    DocumentRoot \"" + htdocs + "\"",
                "SSLCertificateFile ${G}/certs/server.crt",
                "SSLCertificateKeyFile ${G}/certs/server.key",
                "Include " + options,
                "Header always set Strict-Transport-Security \"max-age=31536000\"",
                "</VirtualHost>",
                "</IfModule>", "");
    }

    /**
     * ssl-config.mozilla.org's "intermediate" httpd output, as generated: no ServerName, the server-wide settings after
     * the virtual hosts. Only the ports (the test's), the files and the stapling cache's directory differ.
     */
    private static String mozilla() {
        return String.join("\n",
                "Listen 127.0.0.1:${HTTP_PORT}",
                "Listen 127.0.0.1:${TLS_PORT}",
                "# this configuration requires mod_ssl, mod_socache_shmcb, mod_rewrite, and mod_headers",
                "<VirtualHost *:${HTTP_PORT}>",
                "    DocumentRoot \"" + htdocs + "\"",
                "    RewriteEngine On",
                "    RewriteCond %{REQUEST_URI} !^/\\.well\\-known/acme\\-challenge/",
                "    RewriteRule ^(.*)$ https://%{HTTP_HOST}$1 [R=301,L]",
                "</VirtualHost>",
                "",
                "<VirtualHost *:${TLS_PORT}>",
                "    DocumentRoot \"" + htdocs + "\"",
                "    SSLEngine on",
                "    SSLCertificateFile      ${G}/certs/server.crt",
                "    SSLCertificateKeyFile   ${G}/certs/server.key",
                "",
                "    # enable HTTP/2, if available",
                "    Protocols h2 http/1.1",
                "",
                "    # HTTP Strict Transport Security (mod_headers is required) (63072000 seconds)",
                "    Header always set Strict-Transport-Security \"max-age=63072000\"",
                "</VirtualHost>",
                "",
                "# intermediate configuration",
                "SSLProtocol             -all +TLSv1.2 +TLSv1.3",
                "SSLOpenSSLConfCmd       Curves X25519:prime256v1:secp384r1",
                "SSLCipherSuite          ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:"
                        + "DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
                "SSLHonorCipherOrder     off",
                "SSLSessionTickets       off",
                "",
                "SSLUseStapling On",
                "SSLStaplingCache \"shmcb:" + dir.resolve("run") + "/ssl_stapling(32768)\"", "");
    }

    /** The configurations, and the host name their TLS virtual host answers to. */
    enum Configuration {
        LOCATIONS(HOST), CERTBOT(HOST), MOZILLA("localhost");

        final String host;

        Configuration(String host) {
            this.host = host;
        }

        String text() throws IOException {
            return switch (this) {
                case LOCATIONS -> locations();
                case CERTBOT -> certbot();
                case MOZILLA -> mozilla();
            };
        }
    }

    /** One configuration under test: its file, and httpd started on it. */
    private record Served(Path conf, ApacheHttpd httpd, int tls, int plain) implements AutoCloseable {
        @Override
        public void close() {
            httpd.close();
        }
    }

    private static Served startHttpd(Configuration configuration) throws IOException {
        Path conf = dir.resolve(configuration.name().toLowerCase(Locale.ROOT) + ".conf");
        Files.writeString(conf, configuration.text());
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
        int tls = ApacheHttpd.freeLocalPort();
        int plain = ApacheHttpd.freeLocalPort();
        Path wrapper = dir.resolve("httpd-" + configuration.name().toLowerCase(Locale.ROOT) + ".conf");
        Files.writeString(wrapper, "Define TLS_PORT " + tls + "\nDefine HTTP_PORT " + plain + "\nDefine G \"" + GoldenFixtures.dir()
                + "\"\n" + ApacheHttpd.preamble(run, "mpm_prefork", "authz_core", "rewrite", "headers", "socache_shmcb", "ssl")
                + "SSLSessionCache \"shmcb:" + run + "/scache(512000)\"\nInclude \"" + conf + "\"\n");
        return new Served(conf, ApacheHttpd.startConfiguration(run, wrapper, tls), tls, plain);
    }

    /** Status, HSTS and Location of one request; the client certificate when {@code withCertificate}. */
    private static String answer(String host, String url, int port, boolean withCertificate) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "20",
                "--cacert", GoldenFixtures.certificate("ca.crt").toString(), "--resolve", host + ":" + port + ":127.0.0.1",
                "-H", "Host: " + host));
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

    private static List<String> answers(Configuration configuration, int tls, int plain) {
        String https = "https://" + configuration.host + ":" + tls;
        List<String> answers = new ArrayList<>(List.of(answer(configuration.host, https + "/ok.txt", tls, false),
                answer(configuration.host, "http://" + configuration.host + ":" + plain + "/some/ok.txt?x=1", plain, false)));
        if (configuration == Configuration.LOCATIONS) {
            answers.add(answer(configuration.host, https + "/admin/ok.txt", tls, false));
            answers.add(answer(configuration.host, https + "/admin/ok.txt", tls, true));
            answers.add(answer(configuration.host, https + "/private/ok.txt", tls, true));
        }
        return answers;
    }

    private static List<String> expected(Configuration configuration) {
        String hsts = switch (configuration) {
            case LOCATIONS -> "strict-transport-security: max-age=63072000; includeSubDomains";
            case CERTBOT -> "strict-transport-security: max-age=31536000";
            case MOZILLA -> "strict-transport-security: max-age=63072000";
        };
        List<String> expected = new ArrayList<>(List.of("200 | " + hsts,
                "301 | location: https://" + configuration.host + "/some/ok.txt?x=1"));
        if (configuration == Configuration.LOCATIONS) {
            expected.addAll(List.of("403 | " + hsts, "200 | " + hsts, "403 | " + hsts));
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Configuration.class)
    void jettyAnswersAsHttpdDoesOnTheSameConfiguration(Configuration configuration) throws Exception {
        try (Served served = startHttpd(configuration)) {
            List<String> httpd = answers(configuration, served.tls(), served.plain());
            assertThat(httpd).as("httpd's answers; its error log:\n%s", served.httpd().errorLog()).isEqualTo(expected(configuration));
            int tls = ApacheHttpd.freeLocalPort();
            int plain = ApacheHttpd.freeLocalPort();
            JettySample sample = new JettySample();
            new CommandLine(sample).parseArgs(args(served.conf(), tls, plain));
            Server server = JettySample.start(sample.bindings(), sample.redirects());
            try {
                assertThat(answers(configuration, tls, plain)).isEqualTo(httpd);
            } finally {
                server.stop();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Configuration.class)
    void tomcatAnswersAsHttpdDoesOnTheSameConfiguration(Configuration configuration) throws Exception {
        try (Served served = startHttpd(configuration)) {
            List<String> httpd = answers(configuration, served.tls(), served.plain());
            assertThat(httpd).as("httpd's answers; its error log:\n%s", served.httpd().errorLog()).isEqualTo(expected(configuration));
            int tls = ApacheHttpd.freeLocalPort();
            int plain = ApacheHttpd.freeLocalPort();
            TomcatSample sample = new TomcatSample();
            new CommandLine(sample).parseArgs(args(served.conf(), tls, plain));
            Tomcat tomcat = TomcatSample.start(sample.bindings(), sample.redirects());
            try {
                assertThat(answers(configuration, tls, plain)).isEqualTo(httpd);
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Configuration.class, names = {"CERTBOT", "MOZILLA"})
    void certbotAndMozillaLoadStrictlyWithNothingUnsupported(Configuration configuration) throws Exception {
        Path conf = dir.resolve(configuration.name().toLowerCase(Locale.ROOT) + "-strict.conf");
        Files.writeString(conf, configuration.text());
        HttpdConf read = HttpdConf.read(conf, java.util.Map.of("G", GoldenFixtures.dir().toString(), "TLS_PORT", "8443",
                "HTTP_PORT", "8080"));
        assertThat(read.report().entries(HttpdConfReport.Kind.UNSUPPORTED)).isEmpty();
        assertThat(read.report().entries(HttpdConfReport.Kind.NOT_YET_APPLIED)).isEmpty();
        assertThat(read.redirects()).extracting(HttpdConf.HttpRedirect::port).containsExactly(8080);
        assertThat(read.tlsConfig().virtualHosts().get(0).sessionTickets()).isFalse();
    }

    private static String[] args(Path conf, int tls, int plain) {
        return new String[] {"--conf", conf.toString(), "-D", "G=" + GoldenFixtures.dir(), "-D", "TLS_PORT=" + tls,
                "-D", "HTTP_PORT=" + plain};
    }
}
