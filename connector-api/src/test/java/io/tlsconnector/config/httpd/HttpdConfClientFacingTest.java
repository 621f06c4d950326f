package io.tlsconnector.config.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.httpd.HttpdConfReport.Entry;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.config.ClientQuirks;
import io.tlsconnector.passphrase.PassPhraseException;
import io.tlsconnector.passphrase.PassPhraseRequest;
import io.tlsconnector.testing.ApacheHttpd;
import io.tlsconnector.testing.Curl;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.testing.TestSecrets;

/** BrowserMatch (client quirks), SSLCADNRequestFile/Path, SSLEngine optional and the default pass-phrase dialog. */
class HttpdConfClientFacingTest {
    @TempDir
    Path dir;

    private Path conf(List<String> server, List<List<String>> hosts) throws IOException {
        return HttpdConfFiles.write(dir, server, hosts);
    }

    private static List<String> report(HttpdConf read, Kind kind) {
        return HttpdConfFiles.report(read, kind);
    }

    private String error(List<String> server, List<List<String>> hosts) throws IOException {
        Path file = conf(server, hosts);
        TlsConfigException e = org.junit.jupiter.api.Assertions.assertThrows(TlsConfigException.class, () -> HttpdConf.read(file));
        return e.getMessage().replace(file.toString(), "httpd.conf");
    }

    @Nested
    class BrowserMatch {
        @Test
        void browserMatchLinesBecomeClientQuirksAndTheOtherVariablesAreReported() throws IOException {
            Path file = conf(List.of("BrowserMatch \"MSIE [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0 force-response-1.0",
                    "BrowserMatchNoCase ^curl/7 nokeepalive=1", "SetEnvIf User-Agent \"Java/1\\.4\" ssl-unclean-shutdown",
                    "SetEnvIfNoCase user-agent ^wget downgrade-1.0", "BrowserMatch ^Mozilla is_mozilla"),
                    List.of(List.of("www.example.com")));
            HttpdConf read = HttpdConf.read(file);
            ClientQuirks quirks = read.tlsConfig().operations().clientQuirks();
            assertThat(quirks.forUserAgent("Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)")).containsExactlyInAnyOrder(
                    ClientQuirk.NOKEEPALIVE, ClientQuirk.SSL_UNCLEAN_SHUTDOWN, ClientQuirk.DOWNGRADE_1_0);
            assertThat(quirks.forUserAgent("Mozilla/5.0 (compatible; msie 5.5)")).isEmpty();
            assertThat(quirks.forUserAgent("CURL/7.88.1")).containsExactly(ClientQuirk.NOKEEPALIVE);
            assertThat(quirks.forUserAgent("Java/1.4.2")).containsExactly(ClientQuirk.SSL_UNCLEAN_SHUTDOWN);
            assertThat(quirks.forUserAgent("Java/1x4")).isEmpty();
            assertThat(quirks.forUserAgent("Wget/1.21")).containsExactly(ClientQuirk.DOWNGRADE_1_0);
            assertThat(report(read, Kind.READ)).contains(
                    file + ":1: BrowserMatch \"MSIE [2-5]\": READ: client quirks nokeepalive ssl-unclean-shutdown downgrade-1.0 for"
                            + " User-Agents matching it.",
                    file + ":2: BrowserMatchNoCase \"^curl/7\": READ: client quirks nokeepalive for User-Agents matching it.");
            assertThat(report(read, Kind.IGNORED)).containsExactly(
                    file + ":1: BrowserMatch \"MSIE [2-5]\" force-response-1.0: IGNORED: the connector has no counterpart for this"
                            + " variable; it maps nokeepalive, downgrade-1.0 and ssl-unclean-shutdown only.",
                    file + ":5: BrowserMatch \"^Mozilla\" is_mozilla: IGNORED: the connector has no counterpart for this variable;"
                            + " it maps nokeepalive, downgrade-1.0 and ssl-unclean-shutdown only.");
        }

        @Test
        void aLineThatTakesAQuirkBackOrMatchesAnotherAttributeIsUnsupported() throws IOException {
            Path file = conf(List.of("BrowserMatch MSIE nokeepalive", "BrowserMatch \"MSIE 1[0-9]\" !nokeepalive",
                    "SetEnvIf Remote_Addr ^10\\. nokeepalive"), List.of(List.of("www.example.com")));
            assertThatThrownBy(() -> HttpdConf.read(file)).hasMessageContaining(file + ":2 BrowserMatch");
            HttpdConf read = HttpdConf.read(file, Map.of(), HttpdConf.Options.lenient());
            assertThat(read.tlsConfig().operations().clientQuirks().rules()).hasSize(1);
            assertThat(report(read, Kind.UNSUPPORTED)).containsExactly(
                    file + ":2: BrowserMatch \"MSIE 1[0-9]\" !nokeepalive: UNSUPPORTED: a client quirk cannot be taken back for some"
                            + " User-Agents; every rule that matches applies. Narrow the regular expression of the rule that sets it.",
                    file + ":3: SetEnvIf Remote_Addr (client quirks): UNSUPPORTED: the connector chooses client quirks by the"
                            + " User-Agent header only; this line matches another attribute, so it is not carried over.");
        }

        @Test
        void aLineInsideOneVirtualHostAppliesToTheWholeAddressAndIsWarnedAbout() throws IOException {
            Path file = conf(List.of(), List.of(List.of("a.example.com", "BrowserMatch \"MSIE [2-5]\" ssl-unclean-shutdown"),
                    List.of("b.example.com")));
            HttpdConf read = HttpdConf.read(file);
            assertThat(read.tlsConfig().operations().clientQuirks().forUserAgent("MSIE 4.0")).containsExactly(ClientQuirk.SSL_UNCLEAN_SHUTDOWN);
            assertThat(report(read, Kind.WARNING)).containsExactly(file + ":6: BrowserMatch (client quirks): WARNING: applies to every"
                    + " virtual host on *:443 in the connector, also to b.example.com, which do not set it in httpd.");
        }

        @Test
        void aBadRegularExpressionNamesFileLineAndFix() throws IOException {
            assertThat(error(List.of("BrowserMatch \"MSIE [2-5\" nokeepalive"), List.of(List.of("www.example.com"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:1 BrowserMatch: 'MSIE [2-5' is not a regular expression"
                            + " (Unclosed character class). Fix: write it as mod_ssl does, e.g. BrowserMatch \"MSIE [2-5]\" nokeepalive"
                            + " ssl-unclean-shutdown downgrade-1.0.");
        }
    }

    @Nested
    class CaNamesRequested {
        @Test
        void caDnRequestFileAndPathSetTheNamesSentInTheCertificateRequest() throws IOException {
            Path file = conf(List.of("SSLCADNRequestPath requested/"), List.of(List.of("www.example.com", "SSLVerifyClient require",
                    "SSLCACertificateFile ca.pem", "SSLCADNRequestFile names.pem"), List.of("b.example.com")));
            HttpdConf read = HttpdConf.read(file);
            ClientAuth www = read.tlsConfig().virtualHost("www.example.com").orElseThrow().clientAuth();
            assertThat(www.caDnRequestFile()).isEqualTo(dir.resolve("names.pem"));
            assertThat(www.caDnRequestPath()).isEqualTo(dir.resolve("requested"));
            ClientAuth b = read.tlsConfig().virtualHost("b.example.com").orElseThrow().clientAuth();
            assertThat(b.caDnRequestFile()).isNull();
            assertThat(b.caDnRequestPath()).isEqualTo(dir.resolve("requested"));
            assertThat(report(read, Kind.UNSUPPORTED)).isEmpty();
        }

        @Test
        void aMalformedLineNamesFileLineAndFix() throws IOException {
            assertThat(error(List.of(), List.of(List.of("www.example.com", "SSLCADNRequestFile a.pem b.pem"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLCADNRequestFile: takes one argument, got 2. Fix: write it"
                            + " as mod_ssl does, e.g. SSLCADNRequestFile /etc/ssl/certs/requested-cas.pem.");
        }
    }

    @Nested
    class SslEngineOptional {
        @Test
        void isRefusedNamingFileLineAndWhatToWriteInstead() throws IOException {
            assertThat(error(List.of(), List.of(List.of("www.example.com", "SSLEngine optional"))))
                    .isEqualTo("TLS configuration problem: httpd.conf:6 SSLEngine: SSLEngine optional (upgrading a plain HTTP"
                            + " connection to TLS, RFC 2817) is not supported: the connector speaks TLS from the first byte of every"
                            + " connection. Fix: write SSLEngine on, so clients connect with https://; serve plain HTTP with a"
                            + " connector of its own.");
        }
    }

    @Nested
    class PassPhraseWithoutDialog {
        private static final String PASS = TestSecrets.passPhrase("httpd-default-dialog");

        @Test
        void anEncryptedKeyWithoutATerminalFailsStartUpNamingTheKeyAndTheSslPassPhraseDialogLines() throws IOException {
            // surefire runs the tests without a terminal, as a service or CI would
            assumeTrue(System.console() == null, "this test needs a JVM without a terminal");
            TestPki.Issued cert = TestPki.create().issueServerRsa("www.example.com", "www.example.com");
            TestPki.write(dir.resolve("server.crt"), TestPki.pem(cert.fullChain().toArray()));
            Path key = TestSecrets.writeEncryptedKey(cert.privateKey(), dir.resolve("server.key"), PASS);
            TlsConfig config = HttpdConf.read(conf(List.of(), List.of(List.of("www.example.com")))).tlsConfig();
            assertThat(config.passPhraseProvider().toString()).isEqualTo("builtin (no SSLPassPhraseDialog: httpd's default)");
            assertThatThrownBy(() -> TlsRuntime.start(config).close())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'www.example.com', " + key + ": the private key is encrypted and"
                            + " the configuration has no SSLPassPhraseDialog, so its pass-phrase is asked on the terminal (httpd's"
                            + " default, builtin), but this process has none (it runs as a service, in a container or in CI)."
                            + " Fix: add SSLPassPhraseDialog exec:/path/to/program (prints the pass-phrase), SSLPassPhraseDialog"
                            + " file:/path/to/file or SSLPassPhraseDialog env:NAME to the httpd configuration, or start on a terminal;"
                            + " or remove the pass-phrase (openssl pkey -in " + key + " -out KEY.plain) and make the key readable by"
                            + " its owner only.")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASS));
        }

        /**
         * A child JVM on a pseudo terminal ({@code script}) reads the same kind of configuration: it prompts as
         * mod_ssl does, the pass-phrase is typed once the prompt shows (echo off), and start-up succeeds.
         */
        @Test
        void onAPseudoTerminalTheChildProcessPromptsAndStarts() throws Exception {
            Path script = Path.of("/usr/bin/script");
            assumeTrue(Files.isExecutable(script), "util-linux script is needed for a pseudo terminal");
            TestPki.Issued cert = TestPki.create().issueServerRsa("www.example.com", "www.example.com");
            TestPki.write(dir.resolve("server.crt"), TestPki.pem(cert.fullChain().toArray()));
            TestSecrets.writeEncryptedKey(cert.privateKey(), dir.resolve("server.key"), PASS);
            Path file = conf(List.of(), List.of(List.of("www.example.com")));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = String.join(" ", List.of(quote(java), "-cp", quote(System.getProperty("java.class.path")),
                    quote(StartMain.class.getName()), quote(file.toString())));
            Process child = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null").redirectErrorStream(true).start();
            StringBuilder seen = new StringBuilder();
            try (InputStream out = child.getInputStream(); OutputStream in = child.getOutputStream()) {
                boolean typed = false;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                for (int b; System.nanoTime() < deadline && (b = out.read()) >= 0; ) {
                    seen.append((char) b);
                    if (!typed && seen.toString().endsWith("Enter pass phrase: ")) {
                        in.write((PASS + "\n").getBytes());
                        in.flush();
                        typed = true;
                    }
                    if (seen.indexOf("STARTED") >= 0 || seen.indexOf("FAILED") >= 0) {
                        break;
                    }
                }
            } finally {
                child.destroy();
            }
            String output = seen.toString().replace(PASS, "****");
            assertThat(seen.indexOf(PASS)).as("where the pass-phrase shows in the terminal output (never)").isNegative();
            assertThat(output).contains("mod_ssl (Pass Phrase Dialog)", "Private key www.example.com:443:0 (" + dir.resolve("server.key")
                    + ")", "Enter pass phrase: ", "STARTED");
        }

        private static String quote(String word) {
            return "'" + word.replace("'", "'\\''") + "'";
        }

        @Test
        void onATerminalTheBuiltinDialogIsAsked() throws Exception {
            List<PassPhraseRequest> asked = new ArrayList<>();
            DefaultPassPhraseDialog dialog = new DefaultPassPhraseDialog(() -> true,
                    request -> {
                        asked.add(request);
                        return PASS.toCharArray();
                    });
            PassPhraseRequest request = new PassPhraseRequest("www.example.com", 443, dir.resolve("server.key"), 0, "RSA", 1);
            assertThat(dialog.passPhrase(request)).isEqualTo(PASS.toCharArray());
            assertThat(asked).containsExactly(request);
            assertThat(new DefaultPassPhraseDialog().maxAttempts()).as("builtin's six tries").isEqualTo(6);
            assertThatThrownBy(() -> new DefaultPassPhraseDialog(() -> false, r -> PASS.toCharArray()).passPhrase(request))
                    .isInstanceOf(PassPhraseException.class).hasMessageContaining("has no SSLPassPhraseDialog");
        }
    }

    /** Reads the httpd configuration named by its argument and starts it: the child process of the pseudo-terminal test. */
    public static final class StartMain {
        public static void main(String[] args) {
            try (TlsRuntime runtime = TlsRuntime.start(HttpdConf.read(Path.of(args[0])).tlsConfig())) {
                System.out.println("STARTED " + runtime.config().virtualHosts().size() + " virtual host(s)");
            } catch (RuntimeException e) {
                System.out.println("FAILED " + e.getMessage());
            }
            System.out.flush();
            System.exit(0);
        }
    }

    /** The same lines read by a real httpd + mod_ssl (Debian's apache2) and by the connector. */
    @Nested
    class AgainstApacheHttpd {
        private final TestPki pki = TestPki.create();
        private final TestPki.Issued cert = pki.issueServer("localhost", "localhost");

        /** The directives for httpd's virtual host and ours: the certificate, then {@code more}. */
        private String directives(String... more) {
            return "SSLCertificateFile \"" + cert.writeFullChain(dir, "localhost") + "\"\n"
                    + "SSLCertificateKeyFile \"" + cert.writeKey(dir, "localhost") + "\"\n" + String.join("\n", more) + "\n";
        }

        private TlsConfig ours(String directives) throws IOException {
            Path file = dir.resolve("ours.conf");
            Files.writeString(file, "<VirtualHost *:443>\nServerName localhost\nSSLEngine on\n" + directives + "</VirtualHost>\n");
            return HttpdConf.read(file).tlsConfig();
        }

        /**
         * httpd's environment (as its CGI sees it) for each User-Agent tells which of the three variables its
         * BrowserMatch lines set; the connector's quirks for the same User-Agent are the same.
         */
        @Test
        void browserMatchLinesSetTheSameQuirksForTheSameUserAgentsAsInHttpd() throws IOException {
            String lines = directives("BrowserMatch \"MSIE [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0 force-response-1.0",
                    "BrowserMatchNoCase ^curl/ nokeepalive", "SetEnvIf User-Agent \"Java/1\\.4\" ssl-unclean-shutdown",
                    "BrowserMatch \"^Mozilla/5\\.0 .*Firefox\" downgrade-1.0");
            ClientQuirks quirks = ours(lines).operations().clientQuirks();
            Path root = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
            try (ApacheHttpd httpd = ApacheHttpd.start(Files.createDirectories(dir.resolve("httpd")), lines)) {
                for (String userAgent : List.of("Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)", "Mozilla/4.0 (compatible; msie 5.5)",
                        "CURL/8.0.1", "Java/1.4.2_19", "Java/1x4", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
                        "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0")) {
                    Map<String, String> env = Curl.json("https://localhost:" + httpd.port() + "/cgi-bin/env.cgi",
                            List.of("--cacert", root.toString(), "-A", userAgent));
                    assertThat(env).as("httpd answered with its CGI environment; error log:\n%s", httpd.errorLog()).containsKey("HTTPS");
                    Set<ClientQuirk> theirs = EnumSet.noneOf(ClientQuirk.class);
                    for (ClientQuirk quirk : ClientQuirk.values()) {
                        // mod_cgi writes the names with '_' for the characters a shell variable cannot hold
                        if (env.containsKey(quirk.flag()) || env.containsKey(quirk.flag().replaceAll("[^A-Za-z0-9]", "_"))) {
                            theirs.add(quirk);
                        }
                    }
                    assertThat(quirks.forUserAgent(userAgent)).as("User-Agent %s; httpd's environment %s", userAgent, env)
                            .isEqualTo(theirs);
                }
            }
        }

        /** The CA names openssl s_client lists from the CertificateRequest of httpd and of the connector are the same. */
        @Test
        void caDnRequestFileSendsTheSameCaNamesAsHttpd() throws IOException {
            TestPki other = TestPki.create();
            Path trusted = TestPki.write(dir.resolve("clients-ca.pem"), TestPki.pem(pki.rootCertificate()));
            Path names = TestPki.write(dir.resolve("names.pem"), TestPki.pem(pki.intermediateCertificate(), other.rootCertificate()));
            String lines = directives("SSLVerifyClient optional", "SSLCACertificateFile \"" + trusted + "\"",
                    "SSLCADNRequestFile \"" + names + "\"");
            List<String> theirs;
            try (ApacheHttpd httpd = ApacheHttpd.start(Files.createDirectories(dir.resolve("httpd")), lines)) {
                theirs = caNames(httpd.port(), httpd.errorLog());
            }
            List<String> ours;
            try (TlsRuntime runtime = TlsRuntime.start(ours(lines));
                 ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                Thread server = serveOneHandshake(listener, runtime);
                ours = caNames(listener.getLocalPort(), "");
                server.interrupt();
            }
            assertThat(theirs).hasSize(2);
            assertThat(ours).isEqualTo(theirs);
        }

        /** The lines under "Acceptable client certificate CA names" in openssl s_client's report of a TLS 1.2 handshake. */
        private List<String> caNames(int port, String serverLog) {
            ExternalTool.Result client = ExternalTool.run(Duration.ofSeconds(20), "Q\n".getBytes(), List.of("openssl", "s_client",
                    "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-tls1_2"));
            List<String> lines = client.stdout().lines().toList();
            int from = lines.indexOf("Acceptable client certificate CA names");
            assertThat(from).as(client.all() + serverLog).isNotNegative();
            List<String> names = new ArrayList<>();
            for (String line : lines.subList(from + 1, lines.size())) {
                if (line.startsWith("Requested Signature Algorithms") || line.startsWith("Client Certificate Types") || line.startsWith("---")) {
                    break;
                }
                names.add(line);
            }
            return names;
        }

        /** Accepts one connection and runs the connector's server engine through the handshake on it. */
        private Thread serveOneHandshake(ServerSocket listener, TlsRuntime runtime) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(15_000);
                    handshake(runtime.defaultHost().newEngine(null, -1), socket);
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the client hangs up
                } catch (IOException e) {
                    // the client hung up; what it saw is asserted
                }
            }, "ca-names-server");
            server.setDaemon(true);
            server.start();
            return server;
        }

        private static void handshake(SSLEngine engine, Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
            ByteBuffer netOut = ByteBuffer.allocate(1 << 17);
            ByteBuffer app = ByteBuffer.allocate(1 << 17);
            byte[] chunk = new byte[16384];
            engine.beginHandshake();
            for (int step = 0; step < 1000; step++) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        engine.wrap(ByteBuffer.allocate(0), netOut);
                        out.write(netOut.array(), 0, netOut.position());
                        out.flush();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        netIn.flip();
                        SSLEngineResult result = engine.unwrap(netIn, app);
                        netIn.compact();
                        app.clear();
                        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            return;
                        }
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0
                                && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                            int n = in.read(chunk);
                            if (n < 0) {
                                return;
                            }
                            netIn.put(chunk, 0, n);
                        }
                    }
                    case NEED_TASK -> {
                        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                            task.run();
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
        }
    }
}
