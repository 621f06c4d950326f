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
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/** The httpd syntax HttpdConf reads: continuations, quoting, comments, Define, conditionals, includes. */
class HttpdConfSyntaxTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** A vhost with files under {@code dir} (never opened: reading checks shape only). */
    private String[] vhost(String name, String... extra) {
        List<String> lines = new java.util.ArrayList<>(List.of("<VirtualHost *:443>", "ServerName " + name, "SSLEngine on",
                "SSLCertificateFile " + dir.resolve(name + ".crt"), "SSLCertificateKeyFile " + dir.resolve(name + ".key")));
        lines.addAll(List.of(extra));
        lines.add("</VirtualHost>");
        return lines.toArray(String[]::new);
    }

    private VirtualHost only(HttpdConf conf) {
        return conf.tlsConfig().virtualHosts().get(0);
    }

    @Nested
    class Lines {
        @Test
        void aBackslashContinuesTheLineAndCommentsAreSkipped() throws IOException {
            Path conf = write("httpd.conf", "# a comment", "<VirtualHost *:443>", "  ServerName www.example.com", "  SSLEngine on",
                    "  SSLCertificateFile " + dir.resolve("a.crt"), "  SSLCertificateKeyFile " + dir.resolve("a.key"),
                    "  # SSLProtocol TLSv1.3", "  SSLOptions +StdEnvVars \\", "             +ExportCertData", "</VirtualHost>");
            VirtualHost host = only(HttpdConf.read(conf));
            assertThat(host.options()).containsExactlyInAnyOrder(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA);
            assertThat(host.protocols()).isEqualTo(io.tlsconnector.cipher.ProtocolSet.DEFAULT);
        }

        @Test
        void quotedArgumentsKeepTheirSpaces() {
            assertThat(HttpdConfParser.words("SSLCertificateFile \"/etc/my certs/a.crt\" 'x y' \"say \\\"hi\\\"\""))
                    .containsExactly("SSLCertificateFile", "/etc/my certs/a.crt", "x y", "say \"hi\"");
        }

        @Test
        void definedVariablesAreReplacedAndCallerDefinesWin() throws IOException {
            Path conf = write("httpd.conf", "Define CERTS /nowhere", "Define NAME www.example.com", "<VirtualHost *:443>",
                    "ServerName ${NAME}", "SSLEngine on", "SSLCertificateFile ${CERTS}/a.crt", "SSLCertificateKeyFile ${CERTS}/a.key",
                    "</VirtualHost>");
            HttpdConf read = HttpdConf.read(conf, Map.of("CERTS", dir.toString()));
            VirtualHost host = only(read);
            assertThat(host.serverName()).isEqualTo("www.example.com");
            assertThat(host.certificates().get(0).describe())
                    .isEqualTo("certificate " + dir.resolve("a.crt") + ", key " + dir.resolve("a.key"));
            assertThat(read.report().entries(Kind.IGNORED)).extracting(HttpdConfReport.Entry::toString)
                    .contains(conf + ":1: Define CERTS: IGNORED: kept the value given by the caller: " + dir + ".");
        }

        @Test
        void anUndefinedVariableStaysAsWrittenWithAWarning() throws IOException {
            Path conf = write("httpd.conf", vhost("www.example.com", "SSLSessionTicketKeyFile ${NO_SUCH_VARIABLE_X}/keys"));
            HttpdConf read = HttpdConf.read(conf);
            assertThat(read.report().entries(Kind.WARNING)).extracting(HttpdConfReport.Entry::toString)
                    .containsExactly(conf + ":6: ${NO_SUCH_VARIABLE_X}: WARNING: is not defined; left as written, as httpd does."
                            + " Define it (Define NO_SUCH_VARIABLE_X value, or pass it to HttpdConf.read) if a path depends on it.");
        }
    }

    @Nested
    class Conditionals {
        @Test
        void ifModuleIsTrueForModSslAndFalseForAModuleNotLoaded() throws IOException {
            Path conf = dir.resolve("httpd.conf");
            String[] ssl = vhost("ssl.example.com");
            String[] other = vhost("other.example.com");
            List<String> lines = new java.util.ArrayList<>();
            lines.add("<IfModule mod_ssl.c>");
            lines.addAll(List.of(ssl));
            lines.add("</IfModule>");
            lines.add("<IfModule !ssl_module>");
            lines.addAll(List.of(other));
            lines.add("</IfModule>");
            lines.add("<IfModule mod_nothing.c>");
            lines.add("  Define NEVER");
            lines.add("</IfModule>");
            lines.add("<IfDefine NEVER>");
            lines.add("  <VirtualHost *:443>");
            lines.add("  </VirtualHost>");
            lines.add("</IfDefine>");
            Files.writeString(conf, String.join("\n", lines));
            assertThat(HttpdConf.read(conf).tlsConfig().virtualHosts()).extracting(VirtualHost::serverName)
                    .containsExactly("ssl.example.com");
        }

        @Test
        void ifDefineSeesCallerDefinesAndLoadModuleMakesIfModuleTrue() throws IOException {
            List<String> lines = new java.util.ArrayList<>(List.of("LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so",
                    "<IfDefine !TEST>", "SSLProtocol TLSv1.2", "</IfDefine>", "<IfModule mod_headers.c>", "SSLHonorCipherOrder on",
                    "</IfModule>"));
            lines.addAll(List.of(vhost("www.example.com")));
            Path conf = write("httpd.conf", lines.toArray(String[]::new));
            VirtualHost host = only(HttpdConf.read(conf, Map.of("TEST", "")));
            assertThat(host.protocols()).isEqualTo(io.tlsconnector.cipher.ProtocolSet.DEFAULT);
            assertThat(host.honorCipherOrder()).isTrue();
        }
    }

    @Nested
    class Includes {
        @Test
        void includeGlobsAreRelativeToTheServerRootAndReadInNameOrder() throws IOException {
            write("sites/20-b.conf", vhost("b.example.com"));
            write("sites/10-a.conf", vhost("a.example.com"));
            write("sites/notes.txt", "this is not read");
            Path conf = write("conf/httpd.conf", "ServerRoot " + dir, "Include sites/*.conf", "IncludeOptional optional/*.conf");
            HttpdConf read = HttpdConf.read(conf);
            assertThat(read.tlsConfig().virtualHosts()).extracting(VirtualHost::serverName).containsExactly("a.example.com", "b.example.com");
            assertThat(read.tlsConfig().defaultVirtualHost().serverName()).isEqualTo("a.example.com");
            assertThat(read.report().entries(Kind.READ)).extracting(HttpdConfReport.Entry::toString)
                    .contains(conf + ":2: Include: READ: reads " + dir.resolve("sites/10-a.conf") + ".",
                            conf + ":3: IncludeOptional optional/*.conf: READ: matches no file.");
        }

        @Test
        void aMissingIncludeIsAnErrorAtItsLine() throws IOException {
            Path conf = write("httpd.conf", "ServerRoot " + dir, "", "Include sites-enabled/*.conf");
            assertThatThrownBy(() -> HttpdConf.read(conf)).isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: " + conf + ":3 Include: " + dir.resolve("sites-enabled/*.conf")
                            + " matches no file. Fix: correct the path (relative paths start at the ServerRoot " + dir
                            + "), or use IncludeOptional.");
        }
    }
}
