package io.tlsconnector.config.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsConfigException.Problem;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConfReport.Entry;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.GoldenFixtures;

/** Real configurations: the golden fixture's httpd.conf (acceptance 1) and Debian's stock SSL files (acceptance 2). */
class HttpdConfFixturesTest {
    @Nested
    class TheGoldenFixture {
        private HttpdConf read() {
            // The capture harness sets test headers in <Location /lookup/> and uses Basic authentication: read leniently.
            return HttpdConf.read(GoldenFixtures.dir().resolve("conf/httpd.conf"), Map.of("G", GoldenFixtures.dir().toString()),
                    HttpdConf.Options.lenient());
        }

        @Test
        void loadsVirtualHostsABAndCOnPort8443AndDOn8444AsHttpdServesThem() {
            HttpdConf conf = read();
            assertThat(conf.listeners()).extracting(HttpdConf.Listener::toString).containsExactly("127.0.0.1:8443", "127.0.0.1:8444");
            TlsConfig abc = conf.listeners().get(0).config();
            assertThat(abc.virtualHosts()).extracting(VirtualHost::serverName).containsExactly("localhost", "www.example.test", "other.example.test");
            assertThat(abc.defaultVirtualHost().serverName()).isEqualTo("localhost");
            assertThat(abc.virtualHosts()).extracting(VirtualHost::verifyClient)
                    .containsExactly(VerifyClient.OPTIONAL, VerifyClient.OPTIONAL, VerifyClient.REQUIRE);
            assertThat(abc.virtualHosts()).extracting(VirtualHost::options).containsExactly(
                    java.util.Set.of(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA),
                    java.util.Set.of(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA), java.util.Set.of(SslOption.STD_ENV_VARS));
            TlsConfig d = conf.listeners().get(1).config();
            assertThat(d.virtualHosts()).extracting(VirtualHost::serverName).containsExactly("localhost");
            assertThat(d.defaultVirtualHost().verifyClient()).isEqualTo(VerifyClient.OPTIONAL_NO_CA);
            for (TlsConfig config : List.of(abc, d)) {
                assertThat(config.sessions().timeout()).hasSeconds(300);
                for (VirtualHost host : config.virtualHosts()) {
                    assertThat(host.certificates()).containsExactly(CertificateSource.pem(GoldenFixtures.certificate("server.crt"),
                            GoldenFixtures.certificate("server.key")));
                    assertThat(host.caCertificateFile()).isEqualTo(GoldenFixtures.certificate("ca.crt"));
                }
            }
        }

        @Test
        void appliesThePerPathSectionsAndTheVerifyDepths() {
            HttpdConf conf = read();
            Path file = GoldenFixtures.dir().resolve("conf/httpd.conf");
            assertThat(conf.report().entries(Kind.READ)).extracting(e -> e.location().replace(file.toString(), "httpd.conf")
                    + " " + e.directive().split(" ")[0]).contains("httpd.conf:66 SSLVerifyDepth", "httpd.conf:183 SSLVerifyDepth",
                    "httpd.conf:197 SSLVerifyDepth", "httpd.conf:211 SSLVerifyDepth", "httpd.conf:79 SSLOptions",
                    "httpd.conf:156 SSLOptions", "httpd.conf:170 SSLRequire");
            VirtualHost a = conf.listeners().get(0).config().virtualHost("localhost").orElseThrow();
            // <Directory ${G}/cgi-bin> through the ScriptAlias, then the seven <Location> sections in their order (F13).
            assertThat(a.pathRules()).extracting(PathRule::pattern).containsExactly("^\\Q/cgi-bin\\E(/|$)", "/legacy/", "/stdonly/",
                    "/plain/", "/lookup/", "/fakebasic/", "/username/", "/sslrequire/");
            PathRule sslRequire = a.pathRules().get(7);
            assertThat(sslRequire.requirements()).extracting(Object::toString).containsExactly(
                    "%{SSL_CLIENT_VERIFY} eq \"SUCCESS\" and %{SSL_CLIENT_S_DN_OU} in {\"Engineering\", \"Staff\"}");
            assertThat(sslRequire.applyOptions(a.options())).containsExactly(SslOption.STD_ENV_VARS);
            // Basic authentication is the application's: reported, which a strict read would refuse.
            assertThat(conf.report().entries(Kind.UNSUPPORTED)).extracting(e -> e.directive().split(" ")[0]).contains("AuthType", "Require");
            assertThat(conf.report().entries(Kind.IGNORED)).extracting(Entry::toString)
                    .contains(file + ":3: Define G: IGNORED: kept the value given by the caller: " + GoldenFixtures.dir() + ".");
        }

        @Test
        void aStrictReadRefusesTheLinesItCannotCarryOverNamingEach() {
            Path file = GoldenFixtures.dir().resolve("conf/httpd.conf");
            assertThatThrownBy(() -> HttpdConf.read(file, Map.of("G", GoldenFixtures.dir().toString())))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining(file + ":157 AuthType Basic in <Location /fakebasic/>: cannot be carried over: authentication")
                    .hasMessageContaining("read the configuration leniently");
        }

        @Test
        void theDoctorFindsNothingButKeyPermissionsAndTheRootNotServed() {
            // The fixture's keys may be group-readable (a checkout's umask), and its server certificate comes without
            // its issuer (the test root), as `openssl verify` without -CAfile says too (F23); the doctor says so, and nothing else.
            assertThat(HttpdConfDoctor.check(read(), PassPhraseProvider.NONE)).extracting(Problem::problem)
                    .allMatch(p -> p.equals("warning: the unencrypted private key is readable by group or others.")
                            || p.startsWith("warning: the certificate was issued by CN=modssl-golden Test Root CA")
                                    && p.contains("unable to get local issuer certificate"));
        }
    }

    @Nested
    class DebiansStockConfiguration {
        @TempDir
        Path root;

        /** mods-available/ssl.conf and sites-available/default-ssl.conf of the apache2 package, included as apache2.conf does. */
        private Path debianTree() throws IOException {
            ExternalTool.require("apache2");
            for (String file : List.of("mods-available/ssl.conf", "sites-available/default-ssl.conf")) {
                Path copy = root.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(Path.of("/etc/apache2").resolve(file), copy);
            }
            Path conf = root.resolve("apache2.conf");
            Files.writeString(conf, "ServerRoot " + root + "\nIncludeOptional mods-available/ssl.conf\nIncludeOptional sites-available/*.conf\n");
            return conf;
        }

        @Test
        void loadsWithAReportAndNoError() throws IOException {
            Path conf = debianTree();
            HttpdConf read = HttpdConf.read(conf);
            VirtualHost host = read.tlsConfig().defaultVirtualHost();
            assertThat(read.listeners()).extracting(HttpdConf.Listener::toString).containsExactly("*:443");
            assertThat(host.serverName()).isEqualTo("localhost");
            assertThat(host.certificates()).containsExactly(CertificateSource.pem(Path.of("/etc/ssl/certs/ssl-cert-snakeoil.pem"),
                    Path.of("/etc/ssl/private/ssl-cert-snakeoil.key")));
            assertThat(host.cipherSpec()).contains("HIGH:!aNULL");
            assertThat(read.tlsConfig().passPhraseProvider().toString()).isEqualTo("exec:/usr/share/apache2/ask-for-passphrase");
            Path ssl = root.resolve("mods-available/ssl.conf");
            Path site = root.resolve("sites-available/default-ssl.conf");
            assertThat(read.report().entries()).extracting(Entry::toString).contains(
                    ssl + ":" + line(ssl, "SSLSessionCache ") + ": ${APACHE_RUN_DIR}: WARNING: is not defined; left as written, as httpd does."
                            + " Define it (Define APACHE_RUN_DIR value, or pass it to HttpdConf.read) if a path depends on it.",
                    ssl + ":" + line(ssl, "SSLSessionTickets") + ": SSLSessionTickets: READ: session tickets off: sessions resume by"
                            + " session id only.",
                    site + ":" + line(site, "<VirtualHost") + ": <VirtualHost>: WARNING: has no ServerName; named localhost (no ServerName"
                            + " at all). Add ServerName.",
                    site + ":" + line(site, "SSLOptions") + ": SSLOptions +StdEnvVars in <FilesMatch \\.(?:cgi|shtml|phtml|php)$>:"
                            + " READ: applied to the requests it matches.");
            // Issue 19, acceptance 2: Debian's stock default-ssl.conf loads strictly, with nothing unsupported.
            assertThat(read.report().entries(Kind.UNSUPPORTED)).isEmpty();
            assertThat(host.pathRules()).extracting(PathRule::pattern).containsExactly("\\.(?:cgi|shtml|phtml|php)$");
            assertThat(host.pathRules().get(0).matches("/app/index.php")).isTrue();
            assertThat(host.pathRules().get(0).applyOptions(host.options())).contains(SslOption.STD_ENV_VARS);
        }

        @Test
        void theDoctorReportsTheMissingSnakeoilCertificateWithItsFix() throws IOException {
            Path snakeoil = Path.of("/etc/ssl/certs/ssl-cert-snakeoil.pem");
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(snakeoil), "ssl-cert's snakeoil certificate is installed here");
            HttpdConf read = HttpdConf.read(debianTree());
            List<Problem> problems = HttpdConfDoctor.check(read, PassPhraseProvider.NONE);
            Path site = root.resolve("sites-available/default-ssl.conf");
            assertThat(problems).isNotEmpty();
            assertThat(problems.get(0).virtualHost()).isEqualTo("localhost");
            assertThat(problems.get(0).source()).startsWith(site + ":" + line(site, "<VirtualHost") + " <VirtualHost *:443> ");
            assertThat(problems).anySatisfy(p -> assertThat(p.toString()).contains(snakeoil.toString()));
        }

        private int line(Path file, String start) throws IOException {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(start)) {
                    return i + 1;
                }
            }
            throw new AssertionError(start + " not in " + file);
        }
    }
}
