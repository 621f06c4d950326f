package io.tlsconnector.config.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.ProtocolSet;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.OcspStapling;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.http.HttpsRedirect;
import io.tlsconnector.config.Hsts;
import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConfReport.Entry;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.testing.ApacheHttpd;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/** The mod_ssl directives HttpdConf maps onto TlsConfig and VirtualHost, the report, and the error messages. */
class HttpdConfDirectivesTest {
    @TempDir
    Path dir;

    private Path conf(List<String> server, List<List<String>> hosts) throws IOException {
        return HttpdConfFiles.write(dir, server, hosts);
    }

    private static List<String> report(HttpdConf read, Kind kind) {
        return HttpdConfFiles.report(read, kind);
    }

    @Nested
    class PerHostDirectives {
        @Test
        void sslOptionsMergePlusAndMinusOntoTheServerLevelOptionsAsHttpdDoes() throws IOException {
            Path file = conf(List.of("SSLOptions +StdEnvVars +ExportCertData"), List.of(
                    List.of("a.example.com", "SSLOptions -ExportCertData +LegacyDNStringFormat"),
                    List.of("b.example.com"),
                    List.of("c.example.com", "SSLOptions ExportCertData")));
            TlsConfig config = HttpdConf.read(file).tlsConfig();
            assertThat(config.virtualHost("a.example.com").orElseThrow().options())
                    .containsExactlyInAnyOrder(SslOption.STD_ENV_VARS, SslOption.LEGACY_DN_STRING_FORMAT);
            assertThat(config.virtualHost("b.example.com").orElseThrow().options())
                    .containsExactlyInAnyOrder(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA);
            assertThat(config.virtualHost("c.example.com").orElseThrow().options()).containsExactly(SslOption.EXPORT_CERT_DATA);
        }

        @Test
        void protocolsCiphersAndClientAuthenticationAreApplied() throws IOException {
            Path file = conf(List.of("SSLProtocol -all +TLSv1.2", "SSLCipherSuite ECDHE+AESGCM", "SSLHonorCipherOrder on"), List.of(
                    List.of("www.example.com", "SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384", "SSLVerifyClient optional_no_ca",
                            "SSLCACertificateFile clients.pem", "SSLCertificateChainFile chain.pem")));
            VirtualHost host = HttpdConf.read(file).tlsConfig().virtualHosts().get(0);
            assertThat(host.protocols()).isEqualTo(ProtocolSet.parse("TLSv1.2"));
            assertThat(host.cipherSpec()).contains("ECDHE+AESGCM");
            assertThat(host.tls13CipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
            assertThat(host.honorCipherOrder()).isTrue();
            assertThat(host.verifyClient()).isEqualTo(VerifyClient.OPTIONAL_NO_CA);
            assertThat(host.caCertificateFile()).isEqualTo(dir.resolve("clients.pem"));
            assertThat(host.certificates()).containsExactly(CertificateSource.pem(dir.resolve("server.crt"), dir.resolve("server.key"))
                    .withChain(dir.resolve("chain.pem")));
        }

        @Test
        void srpVerifierFileAndUnknownUserSeedEnableTlsSrpWithoutShowingTheSeed() throws IOException {
            Path file = conf(List.of(), List.of(List.of("srp.example.com", "SSLCipherSuite \"!DSS:!aRSA:SRP\"",
                    "SSLSRPVerifierFile passwd.srpv", "SSLSRPUnknownUserSeed \"s3cret seed\"", "SSLUserName SSL_SRP_USER")));
            HttpdConf read = HttpdConf.read(file);
            VirtualHost host = read.tlsConfig().virtualHosts().get(0);
            assertThat(host.srpVerifierFile()).contains(dir.resolve("passwd.srpv"));
            assertThat(host.srpUnknownUserSeed()).contains("s3cret seed");
            assertThat(host.userName()).contains("SSL_SRP_USER");
            assertThat(host.cipherSuites()).as("as openssl ciphers lists it, TLS 1.3 suites first").endsWith("TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "TLS_SRP_SHA_WITH_AES_128_CBC_SHA")
                    .noneMatch(s -> s.startsWith("TLS_ECDHE") || s.contains("_RSA_") || s.contains("_DSS_"));
            assertThat(host.toString()).contains("srpUnknownUserSeed=***").doesNotContain("s3cret");
            assertThat(String.join("\n", report(read, Kind.READ))).contains("TLS-SRP logins from " + dir.resolve("passwd.srpv"))
                    .doesNotContain("s3cret");
        }

        @Test
        void openSslConfCmdMapsItsSubsetAndReportsTheRest() throws IOException {
            Path file = conf(List.of(), List.of(List.of("www.example.com", "SSLOpenSSLConfCmd MinProtocol TLSv1.3",
                    "SSLOpenSSLConfCmd Options -ServerPreference", "SSLOpenSSLConfCmd ECDHParameters secp384r1")));
            assertThatThrownBy(() -> HttpdConf.read(file)).hasMessageContaining(file + ":8 SSLOpenSSLConfCmd: cannot be carried over");
            HttpdConf read = HttpdConf.read(file, Map.of(), HttpdConf.Options.lenient());
            VirtualHost host = read.tlsConfig().virtualHosts().get(0);
            assertThat(host.protocols()).isEqualTo(ProtocolSet.parse("TLSv1.3"));
            assertThat(host.honorCipherOrder()).isFalse();
            assertThat(report(read, Kind.UNSUPPORTED)).containsExactly(file + ":8: SSLOpenSSLConfCmd: UNSUPPORTED: ECDHParameters has"
                    + " no counterpart; mapped are Protocol, MinProtocol, CipherString, Ciphersuites, Groups (or Curves), SignatureAlgorithms,"
                    + " DHParameters and Options ServerPreference.");
        }

        @Test
        void openSslConfCmdGroupsAndCurvesSetTheKeyExchangeGroupsAndVirtualHostsInheritThem() throws IOException {
            Path file = conf(List.of("SSLOpenSSLConfCmd Curves X25519:prime256v1"), List.of(
                    List.of("a.example.com", "SSLOpenSSLConfCmd Groups X25519MLKEM768:X25519:P-256"), List.of("b.example.com")));
            HttpdConf read = HttpdConf.read(file);
            TlsConfig config = read.tlsConfig();
            assertThat(config.virtualHost("a.example.com").orElseThrow().groups()).containsExactly("X25519MLKEM768", "X25519", "P-256");
            assertThat(config.virtualHost("b.example.com").orElseThrow().groups()).containsExactly("X25519", "prime256v1");
            assertThat(report(read, Kind.READ)).contains(file + ":1: SSLOpenSSLConfCmd: READ: key-exchange groups X25519:prime256v1.",
                    file + ":7: SSLOpenSSLConfCmd: READ: key-exchange groups X25519MLKEM768:X25519:P-256.");
        }

        @Test
        void staplingDirectivesBuildTheOcspSettings() throws IOException {
            Path file = conf(List.of("SSLStaplingCache shmcb:/run/ocsp(128000)"), List.of(List.of("www.example.com",
                    "SSLUseStapling on", "SSLStaplingResponderTimeout 3", "SSLStaplingForceURL http://ocsp.example.com/")));
            HttpdConf read = HttpdConf.read(file);
            assertThat(read.tlsConfig().virtualHosts().get(0).ocspStapling())
                    .isEqualTo(new OcspStapling(true, URI.create("http://ocsp.example.com/"), Duration.ofSeconds(3)));
            assertThat(report(read, Kind.IGNORED)).containsExactly(file + ":1: SSLStaplingCache: IGNORED: the connector keeps OCSP"
                    + " responses in memory; no cache needs configuring.");
        }
    }

    @Nested
    class ServerWideDirectives {
        @Test
        void sessionCacheTimeoutSeedingAndStrictSniApplyToTheWholeConfiguration() throws IOException {
            Path file = conf(List.of("SSLSessionCache shmcb:/run/ssl_scache(512000)", "SSLSessionCacheTimeout 600",
                    "SSLRandomSeed startup builtin", "SSLRandomSeed connect file:/dev/urandom 32", "SSLStrictSNIVHostCheck on",
                    "SSLPassPhraseDialog env:TLS_PASS"), List.of(List.of("www.example.com")));
            TlsConfig config = HttpdConf.read(file).tlsConfig();
            assertThat(config.sessions().timeout()).isEqualTo(Duration.ofSeconds(600));
            assertThat(config.sessions().cache()).isPresent();
            assertThat(config.operations().strictSniVHostCheck()).isTrue();
            assertThat(config.randomSeed()).isEqualTo(io.tlsconnector.random.RandomSeed.parse("startup builtin",
                    "connect file:/dev/urandom 32"));
            assertThat(config.passPhraseProvider().toString()).isEqualTo("env:TLS_PASS");
        }

        @Test
        void tlsConfigFromHttpdConfReadsAFileServingOneAddress() throws IOException {
            Path file = conf(List.of("SSLSessionCacheTimeout 120"), List.of(List.of("www.example.com", "SSLOptions +StdEnvVars"),
                    List.of("api.example.com")));
            TlsConfig config = HttpdConf.read(file).tlsConfig();
            assertThat(config.virtualHosts()).extracting(VirtualHost::serverName).containsExactly("www.example.com", "api.example.com");
            assertThat(config.defaultVirtualHost().options()).containsExactly(SslOption.STD_ENV_VARS);
            assertThat(config.sessions().timeout()).isEqualTo(Duration.ofSeconds(120));
        }

        @Test
        void virtualHostsKeepHttpdsOrderPerAddressAndTheFirstIsTheDefault() throws IOException {
            Path file = dir.resolve("httpd.conf");
            Files.writeString(file, String.join("\n", "Listen 443", "Listen 127.0.0.1:8443",
                    "<VirtualHost 127.0.0.1:8443>", "ServerName admin.example.com", "SSLEngine on", "SSLCertificateFile a.crt", "</VirtualHost>",
                    "<VirtualHost *:443>", "ServerName www.example.com", "ServerAlias example.com", "SSLEngine on", "SSLCertificateFile a.crt",
                    "</VirtualHost>",
                    "<VirtualHost *:443>", "ServerName api.example.com", "ServerAlias example.com", "SSLEngine on",
                    "SSLCertificateFile a.crt", "</VirtualHost>",
                    "<VirtualHost *:80>", "ServerName www.example.com", "</VirtualHost>"));
            HttpdConf read = HttpdConf.read(file);
            assertThat(read.listeners()).extracting(HttpdConf.Listener::toString).containsExactly("127.0.0.1:8443", "*:443");
            TlsConfig web = read.listeners().get(1).config();
            assertThat(web.virtualHosts()).extracting(VirtualHost::serverName).containsExactly("www.example.com", "api.example.com");
            assertThat(web.defaultVirtualHost().serverName()).isEqualTo("www.example.com");
            assertThat(web.virtualHosts().get(0).certificates().get(0))
                    .isEqualTo(CertificateSource.pem(dir.resolve("a.crt"), dir.resolve("a.crt")));
            assertThat(report(read, Kind.IGNORED)).containsExactly(
                    file + ":20: <VirtualHost *:80>: IGNORED: SSLEngine is not on: a plain HTTP virtual host, which the TLS connector"
                            + " does not serve.",
                    file + ":16: ServerAlias example.com: IGNORED: an earlier virtual host on *:443 answers to it.");
            assertThatThrownBy(read::tlsConfig).hasMessage("TLS configuration problem: " + file + ": serves 2 addresses"
                    + " (127.0.0.1:8443, *:443); one TlsConfig describes the virtual hosts of one address. Fix: use"
                    + " HttpdConf.read(file, defines).listeners() and add one connector per listener.");
        }
    }

    @Nested
    class Report {
        @Test
        void clientAuthenticationDirectivesAreApplied() throws IOException {
            Path file = conf(List.of(), List.of(List.of("www.example.com", "SSLVerifyClient require", "SSLCACertificateFile ca.pem",
                    "SSLVerifyDepth 2", "SSLCARevocationFile crl.pem", "SSLCARevocationCheck chain no_crl_for_cert_ok",
                    "SSLOptions +StdEnvVars +FakeBasicAuth", "SSLRequire %{SSL_CLIENT_S_DN_O} eq \"Example\"")));
            HttpdConf read = HttpdConf.read(file, Map.of(), HttpdConf.Options.lenient());
            VirtualHost host = read.tlsConfig().virtualHosts().get(0);
            assertThat(host.options()).containsExactlyInAnyOrder(SslOption.STD_ENV_VARS, SslOption.FAKE_BASIC_AUTH);
            assertThat(host.clientAuth().verifyDepth()).isEqualTo(2);
            assertThat(host.clientAuth().caRevocationFile()).isEqualTo(file.getParent().resolve("crl.pem"));
            assertThat(host.clientAuth().revocationCheck()).isEqualTo(new RevocationCheck(RevocationCheck.Mode.CHAIN, true));
            assertThat(report(read, Kind.NOT_YET_APPLIED)).containsExactly(file + ":12: SSLRequire: NOT_YET_APPLIED: SSLRequire is an"
                    + " access rule for paths, and httpd takes it only inside a <Location> or <Directory> section; put it in one, where"
                    + " the connector applies it.");
        }

        @Test
        void locationSectionsBecomePathRulesAndSettingsWithoutCounterpartAreReported() throws IOException {
            Path file = conf(List.of("SSLCompression on", "Header always set Strict-Transport-Security \"max-age=300; includeSubDomains\"",
                    "DocumentRoot /var/www"), List.of(List.of("www.example.com", "SSLVerifyClient optional", "SSLCACertificateFile ca.pem",
                    "<Location /admin/>", "SSLOptions +StrictRequire", "SSLVerifyClient require", "Require all granted", "</Location>",
                    "<Directory /var/www/private>", "Require all denied", "</Directory>", "Header always set X-Frame-Options DENY")));
            HttpdConf read = HttpdConf.read(file, Map.of(), HttpdConf.Options.lenient());
            assertThat(report(read, Kind.UNSUPPORTED)).containsExactly(
                    file + ":1: SSLCompression: UNSUPPORTED: TLS compression is never offered (CRIME); clients get none, as with"
                            + " SSLCompression off.",
                    file + ":19: Header always set X-Frame-Options DENY: UNSUPPORTED: changes what is sent, and the connector carries"
                            + " over only the Strict-Transport-Security header; set this header in the application (a servlet filter).");
            VirtualHost host = read.tlsConfig().virtualHosts().get(0);
            assertThat(host.hsts()).contains(Hsts.maxAge(Duration.ofSeconds(300)).withIncludeSubDomains());
            assertThat(host.pathRules()).extracting(Object::toString).containsExactly(file + ":16 <Directory /var/www/private>",
                    file + ":11 <Location /admin/>");
            assertThat(host.pathRules().get(0).matches("/private/x")).isTrue();
            assertThat(host.pathRules().get(0).access()).isEqualTo(PathRule.Access.DENIED);
            assertThat(host.pathRules().get(1).requiresVerifiedClient()).isTrue();
            assertThat(host.pathRules().get(1).applyOptions(host.options())).containsExactly(SslOption.STRICT_REQUIRE);
            assertThatThrownBy(() -> HttpdConf.read(file)).isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining(file + ":1 SSLCompression: cannot be carried over")
                    .hasMessageContaining(file + ":19 Header always set X-Frame-Options DENY: cannot be carried over");
        }

        @Test
        void aPathThatDemandsACertificateOnAHostThatAsksForNoneStopsTheStartUpNamingBothWaysOut() throws IOException {
            Path file = conf(List.of(), List.of(List.of("www.example.com", "<Location /admin>", "SSLVerifyClient require", "</Location>")));
            assertThatThrownBy(() -> HttpdConf.read(file)).isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining(file + ":6 <Location /admin> SSLVerifyClient require")
                    .hasMessageContaining("move these paths to a virtual host of their own")
                    .hasMessageContaining("set this host's verifyClient to OPTIONAL");
        }

        @Test
        void serverSettingsWrittenAfterTheVirtualHostsStillApplyToThemAsInHttpd() throws IOException {
            Path file = conf(List.of(), List.of(List.of("www.example.com")));
            Files.writeString(file, Files.readString(file) + "SSLProtocol -all +TLSv1.3\nSSLHonorCipherOrder off\n");
            VirtualHost host = HttpdConf.read(file).tlsConfig().virtualHosts().get(0);
            assertThat(host.protocols()).isEqualTo(ProtocolSet.parse("TLSv1.3"));
            assertThat(host.honorCipherOrder()).isFalse();
        }

        @Test
        void aPlainHttpVirtualHostThatOnlyRedirectsBecomesTheRedirectConnector() throws IOException {
            Path file = conf(List.of("Listen 80", "Listen 443", "<VirtualHost *:80>", "ServerName www.example.com", "RewriteEngine on",
                    "RewriteCond %{SERVER_NAME} =www.example.com", "RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [END,NE,R=permanent]",
                    "</VirtualHost>", "<VirtualHost *:8080>", "Redirect / https://secure.example.com:8443/", "</VirtualHost>"),
                    List.of(List.of("www.example.com")));
            HttpdConf read = HttpdConf.read(file);
            assertThat(read.redirects()).extracting(HttpdConf.HttpRedirect::toString).containsExactly("*:80", "*:8080");
            assertThat(read.redirects().get(0).redirect()).isEqualTo(new HttpsRedirect(301, 443));
            assertThat(read.redirects().get(1).redirect()).isEqualTo(new HttpsRedirect(302, 8443).toHost("secure.example.com"));
            assertThat(read.redirects().get(0).redirect().location("www.example.com", 0, "/a", "b=1")).isEqualTo("https://www.example.com/a?b=1");
        }
    }

    /** The same lines read by a real httpd + mod_ssl (Debian's apache2). */
    @Nested
    class AgainstApacheHttpd {
        /**
         * httpd starts with the Groups line and applies it: a client offering P-384 first is moved to
         * P-256. Debian 12's httpd links OpenSSL 3.0, which has no ML-KEM and refuses to start with
         * X25519MLKEM768 ("group 'X25519MLKEM768' cannot be set"), so httpd gets the classic groups only.
         */
        @Test
        void aGroupsLineHttpdStartsWithAndAppliesIsReadAsTheSameGroups() throws IOException {
            String line = "SSLOpenSSLConfCmd Groups X25519:P-256";
            TestPki.Issued cert = TestPki.create().issueServer("localhost", "localhost");
            String files = "SSLCertificateFile \"" + cert.writeFullChain(dir, "httpd") + "\"\n"
                    + "SSLCertificateKeyFile \"" + cert.writeKey(dir, "httpd") + "\"\n";
            try (ApacheHttpd httpd = ApacheHttpd.start(Files.createDirectories(dir.resolve("httpd")), files + line + "\n")) {
                ExternalTool.Result client = ExternalTool.run(Duration.ofSeconds(20), "Q\n".getBytes(), List.of("openssl", "s_client",
                        "-connect", "127.0.0.1:" + httpd.port(), "-servername", "localhost", "-tls1_3", "-groups", "P-384:P-256"));
                assertThat(client.stdout()).as(client.all() + httpd.errorLog()).contains("Server Temp Key: ECDH, prime256v1, 256 bits");
            }
            VirtualHost host = HttpdConf.read(conf(List.of(), List.of(List.of("www.example.com", line)))).tlsConfig().virtualHosts().get(0);
            assertThat(host.groups()).containsExactly("X25519", "P-256");
        }
    }

    @Nested
    class Errors {
        private String error(List<String> server, List<List<String>> hosts) throws IOException {
            Path file = conf(server, hosts);
            TlsConfigException e = org.junit.jupiter.api.Assertions.assertThrows(TlsConfigException.class, () -> HttpdConf.read(file));
            return e.getMessage().replace(file.toString(), "httpd.conf");
        }

        @Test
        void aWrongVerifyClientLevelNamesFileLineDirectiveAndFix() throws IOException {
            assertThat(error(List.of(), List.of(List.of("www.example.com", "SSLVerifyClient sometimes"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLVerifyClient: SSLVerifyClient 'sometimes' is unknown; use none,"
                            + " optional, require or optional_no_ca. Fix: write it as mod_ssl does, e.g. SSLVerifyClient"
                            + " none|optional|require|optional_no_ca.");
        }

        @Test
        void anUnknownKeyExchangeGroupNamesFileLineDirectiveAndTheAcceptedGroups() throws IOException {
            assertThat(error(List.of(), List.of(List.of("www.example.com", "SSLOpenSSLConfCmd Groups X25519Kyber768Draft00:X25519"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLOpenSSLConfCmd: Groups 'X25519Kyber768Draft00' is not a"
                            + " key-exchange group; use X25519MLKEM768, X25519, P-256, P-384 or P-521. Fix: write it as mod_ssl does,"
                            + " e.g. SSLOpenSSLConfCmd Groups X25519MLKEM768:X25519:P-256.");
            assertThat(error(List.of("SSLOpenSSLConfCmd Curves brainpoolP256r1:ffdhe2048"), List.of(List.of("www.example.com"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:1 SSLOpenSSLConfCmd: Curves 'brainpoolP256r1', 'ffdhe2048' are"
                            + " not key-exchange groups; use X25519MLKEM768, X25519, P-256, P-384 or P-521. Fix: write it as mod_ssl"
                            + " does, e.g. SSLOpenSSLConfCmd Curves X25519MLKEM768:X25519:P-256.");
        }

        @Test
        void everyErrorIsListedWithItsLine() throws IOException {
            assertThat(error(List.of("SSLSessionCacheTimeout soon", "SSLOptions +StdEnvVar"),
                    List.of(List.of("www.example.com", "SSLProtocol TLSv9", "SSLEngine maybe"))))
                    .isEqualTo("TLS configuration has 4 problems:" + System.lineSeparator()
                            + "  1. httpd.conf:1 SSLSessionCacheTimeout: SSLSessionCacheTimeout 'soon' is not a positive number of seconds,"
                            + " e.g. 300. Fix: write it as mod_ssl does, e.g. SSLSessionCacheTimeout 300." + System.lineSeparator()
                            + "  2. httpd.conf:2 SSLOptions: SSLOptions 'StdEnvVar' is not an SSLOptions option. Fix: write it as mod_ssl"
                            + " does, e.g. SSLOptions +StdEnvVars +ExportCertData -LegacyDNStringFormat." + System.lineSeparator()
                            + "  3. httpd.conf:8 SSLProtocol: " + protocolMessage("TLSv9") + " Fix: write it as mod_ssl does, e.g."
                            + " SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1." + System.lineSeparator()
                            + "  4. httpd.conf:9 SSLEngine: 'maybe' is neither on nor off. Fix: write it as mod_ssl does, e.g. SSLEngine on.");
        }

        @Test
        void aVirtualHostWithoutCertificateAndAnUnclosedSectionAreErrors() throws IOException {
            Path file = dir.resolve("httpd.conf");
            Files.writeString(file, "<VirtualHost *:443>\n  ServerName www.example.com\n  SSLEngine on\n</VirtualHost>\n<Directory /srv>\n");
            assertThatThrownBy(() -> HttpdConf.read(file)).hasMessage("TLS configuration problem: " + file + ":5 <Directory>: is never"
                    + " closed. Fix: add </Directory> after its last directive.");
            Files.writeString(file, "<VirtualHost *:443>\n  ServerName www.example.com\n  SSLEngine on\n</VirtualHost>\n");
            assertThatThrownBy(() -> HttpdConf.read(file)).hasMessage("TLS configuration problem: " + file + ":1 <VirtualHost *:443>:"
                    + " has SSLEngine on but no SSLCertificateFile. Fix: add SSLCertificateFile and SSLCertificateKeyFile inside it"
                    + " (or at server level), or SSLEngine off.");
        }

        private String protocolMessage(String spec) {
            try {
                ProtocolSet.parse(spec);
                throw new AssertionError(spec + " parsed");
            } catch (IllegalArgumentException e) {
                return e.getMessage() + ".";
            }
        }
    }
}
