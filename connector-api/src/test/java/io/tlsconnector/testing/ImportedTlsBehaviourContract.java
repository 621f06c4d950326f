package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.httpd.HttpdConf;

/**
 * Issue 19 part B on the container under test, beside a real httpd + mod_ssl started on the same directives: our
 * server reads them from an httpd.conf ({@link HttpdConf}), httpd from its own, and real clients (openssl s_client,
 * curl) must see the same on both — SSLSessionTickets off (no ticket in TLS 1.2, resumption by session id),
 * SSLOpenSSLConfCmd SignatureAlgorithms, SSLUserName as the remote user (F33), and the alerts of SSLVerifyClient
 * require (116 certificate_required on TLS 1.3 without a certificate, as OpenSSL sends).
 */
public abstract class ImportedTlsBehaviourContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    private static final Pattern ALERT = Pattern.compile("SSL alert number (\\d+)");
    private static final Pattern PEER_DIGEST = Pattern.compile("Peer signing digest: (\\S+)");
    private static final String REQUEST = "GET /cgi-bin/env.cgi HTTP/1.0\r\nHost: localhost\r\n\r\n";

    @TempDir
    static Path dir;
    static ClientCertificates certs;
    /** The directives of each scenario, inside {@code <VirtualHost>} for httpd and for our import alike. */
    static final Map<String, String> SCENARIOS = new LinkedHashMap<>();
    /** What httpd showed, per probe; gathered once (the same for every engine run). */
    static final Map<String, String> HTTPD = new LinkedHashMap<>();
    static final List<TlsRuntime> runtimes = new ArrayList<>();
    static VariablesServer served;

    /** The remote user as JSON, the way httpd's env.cgi shows REMOTE_USER. */
    public static final class RemoteUserServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            if (request.getRemoteUser() != null) {
                env.put("REMOTE_USER", request.getRemoteUser());
            }
            Object verify = request.getAttribute("SSL_CLIENT_VERIFY");
            env.put("SSL_CLIENT_VERIFY", verify == null ? "NONE" : verify.toString());
            response.setContentType("application/json");
            response.getWriter().write(FlatJson.write(env));
        }
    }

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void start() throws Exception {
        ExternalTool.require("apache2");
        ExternalTool.require("openssl");
        ExternalTool.require("curl");
        if (certs == null) {
            certs = new ClientCertificates(dir);
            String files = "SSLCertificateFile \"" + certs.server.writeCertificate(dir, "server") + "\"\n"
                    + "SSLCertificateKeyFile \"" + certs.server.writeKey(dir, "server") + "\"\n";
            String clientCa = "SSLCACertificateFile \"" + certs.rootPem + "\"\n";
            SCENARIOS.put("tickets-off", files + "SSLSessionTickets off\n");
            SCENARIOS.put("tickets-on", files + "SSLSessionTickets on\n");
            SCENARIOS.put("sigalgs", files + "SSLOpenSSLConfCmd SignatureAlgorithms ECDSA+SHA256:RSA-PSS+SHA256\n");
            SCENARIOS.put("username", files + clientCa + "SSLVerifyClient optional\nSSLUserName SSL_CLIENT_S_DN_CN\n");
            SCENARIOS.put("require", files + clientCa + "SSLVerifyClient require\nSSLCARevocationFile \"" + certs.crlPem + "\"\n"
                    + "SSLCARevocationCheck chain\n");
            for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
                try (ApacheHttpd httpd = ApacheHttpd.start(dir.resolve("httpd-" + scenario.getKey()), scenario.getValue())) {
                    for (Probe probe : Probe.values()) {
                        if (probe.scenario.equals(scenario.getKey())) {
                            HTTPD.put(probe.name(), probe.run(httpd.port()));
                        }
                    }
                }
            }
        }
        Map<String, TlsRuntime> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
            Path conf = Files.createDirectories(dir.resolve("ours-" + scenario.getKey())).resolve("httpd.conf");
            Files.writeString(conf, "<VirtualHost 127.0.0.1:8443>\nServerName localhost\nSSLEngine on\n" + scenario.getValue()
                    + "</VirtualHost>\n");
            TlsRuntime runtime = TlsRuntime.start(onEngine(HttpdConf.read(conf).listeners().get(0).config()));
            runtimes.add(runtime);
            byName.put(scenario.getKey(), runtime);
        }
        served = VariablesServer.start(container(), byName, RemoteUserServlet.class);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
    }

    /** One question asked of httpd and of our server, and the answer in a form both can be compared in. */
    enum Probe {
        /** TLS 1.2: whether a ticket came, and whether the session resumed (by id) on a second connection. */
        TLS12_TICKETS_OFF("tickets-off") {
            @Override
            String run(int port) {
                return tickets(port);
            }
        },
        TLS12_TICKETS_ON("tickets-on") {
            @Override
            String run(int port) {
                return tickets(port);
            }
        },
        TLS13_TICKETS_OFF("tickets-off") {
            @Override
            String run(int port) {
                SClient.Outcome outcome = SClient.exchange(port, "localhost", REQUEST, "-tls1_3", "-msg");
                assertThat(outcome.connected()).as(outcome.output()).isTrue();
                return outcome.output().contains("NewSessionTicket") ? "NewSessionTicket" : "none";
            }
        },
        /** A client that offers only ECDSA+SHA384, which the host does not sign with. */
        SIGALGS_NOT_LISTED("sigalgs") {
            @Override
            String run(int port) {
                SClient.Outcome outcome = SClient.handshake(port, "localhost", "-tls1_2", "-sigalgs", "ECDSA+SHA384");
                return outcome.connected() ? "connected" : "refused";
            }
        },
        /** A client that offers SHA-384 first, then SHA-256: the host signs with SHA-256. */
        SIGALGS_LISTED("sigalgs") {
            @Override
            String run(int port) {
                SClient.Outcome outcome = SClient.handshake(port, "localhost", "-tls1_2", "-sigalgs", "ECDSA+SHA384:ECDSA+SHA256");
                Matcher digest = PEER_DIGEST.matcher(outcome.output());
                return outcome.connected() ? "connected, digest " + (digest.find() ? digest.group(1) : "?") : "refused";
            }
        },
        USERNAME_WITH_CERTIFICATE("username") {
            @Override
            String run(int port) {
                return user(port, certs.valid, "valid");
            }
        },
        USERNAME_WITHOUT_CERTIFICATE("username") {
            @Override
            String run(int port) {
                return user(port, null, "none");
            }
        },
        TLS13_REQUIRE_WITHOUT_CERTIFICATE("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_3");
            }
        },
        TLS12_REQUIRE_WITHOUT_CERTIFICATE("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_2");
            }
        },
        TLS13_REQUIRE_UNKNOWN_CA("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_3", "-cert", certs.unknown.writeCertificate(dir, "unknown").toString(),
                        "-key", certs.unknown.writeKey(dir, "unknown").toString());
            }
        },
        TLS12_REQUIRE_UNKNOWN_CA("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_2", "-cert", certs.unknown.writeCertificate(dir, "unknown").toString(),
                        "-key", certs.unknown.writeKey(dir, "unknown").toString());
            }
        },
        TLS12_REQUIRE_EXPIRED("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_2", "-cert", certs.expired.writeCertificate(dir, "expired").toString(),
                        "-key", certs.expired.writeKey(dir, "expired").toString());
            }
        },
        TLS13_REQUIRE_EXPIRED("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_3", "-cert", certs.expired.writeCertificate(dir, "expired").toString(),
                        "-key", certs.expired.writeKey(dir, "expired").toString());
            }
        },
        TLS12_REQUIRE_REVOKED("require") {
            @Override
            String run(int port) {
                return alert(port, "-tls1_2", "-cert", certs.revoked.writeCertificate(dir, "revoked").toString(),
                        "-key", certs.revoked.writeKey(dir, "revoked").toString());
            }
        };

        final String scenario;

        Probe(String scenario) {
            this.scenario = scenario;
        }

        abstract String run(int port);

        static String tickets(int port) {
            Path session = dir.resolve("session-" + port + "-" + System.nanoTime() + ".pem");
            SClient.Outcome first = SClient.exchange(port, "localhost", REQUEST, "-tls1_2", "-sess_out", session.toString());
            SClient.Outcome second = SClient.exchange(port, "localhost", REQUEST, "-tls1_2", "-sess_in", session.toString());
            assertThat(first.connected()).as(first.output()).isTrue();
            return (first.output().contains("TLS session ticket:") ? "ticket" : "no ticket") + ", " + (second.reused() ? "resumed" : "full handshake");
        }

        static String user(int port, TestPki.Issued client, String name) {
            List<String> options = new ArrayList<>(certs.curlOptions(client, name));
            options.addAll(List.of("--resolve", "localhost:" + port + ":127.0.0.1"));
            Map<String, String> env = Curl.json("https://localhost:" + port + "/cgi-bin/env.cgi", options);
            return "REMOTE_USER=" + env.getOrDefault("REMOTE_USER", "(unset)");
        }

        /** The alert the server sent, as s_client reports it after sending a request, or "no alert". */
        static String alert(int port, String... options) {
            SClient.Outcome outcome = SClient.exchange(port, "localhost", REQUEST, options);
            Matcher alert = ALERT.matcher(outcome.output());
            return alert.find() ? "alert " + alert.group(1) : "no alert";
        }
    }

    private static void sameAsHttpd(Probe probe, String expected) {
        String ours = probe.run(served.port(probe.scenario));
        assertThat(HTTPD.get(probe.name())).as("httpd: " + probe).isEqualTo(expected);
        assertThat(ours).as("ours: " + probe).isEqualTo(expected);
    }

    @Nested
    class SessionTickets {
        @Test
        void offSendsNoTicketInTls12AndSessionsResumeByIdAsWithHttpd() {
            sameAsHttpd(Probe.TLS12_TICKETS_OFF, "no ticket, resumed");
        }

        @Test
        void onSendsATicketAsWithHttpd() {
            sameAsHttpd(Probe.TLS12_TICKETS_ON, "ticket, resumed");
        }

        /**
         * TLS 1.3 with tickets off: OpenSSL (httpd) and JSSE still send a NewSessionTicket that carries only a session id
         * (stateful resumption); BoringSSL has no stateful TLS 1.3 resumption and sends none.
         */
        @Test
        void offInTls13SendsAnIdOnlyTicketAsHttpdOnJsseAndNoneOnBoringSsl() {
            assertThat(HTTPD.get(Probe.TLS13_TICKETS_OFF.name())).isEqualTo("NewSessionTicket");
            assertThat(Probe.TLS13_TICKETS_OFF.run(served.port("tickets-off"))).isEqualTo(engine == Engine.BORINGSSL ? "none" : "NewSessionTicket");
        }
    }

    @Nested
    class SignatureAlgorithms {
        @Test
        void aClientOfferingOnlyAnUnlistedAlgorithmIsRefusedAsByHttpd() {
            sameAsHttpd(Probe.SIGALGS_NOT_LISTED, "refused");
        }

        @Test
        void theHostSignsWithAListedAlgorithmAsHttpdDoes() {
            sameAsHttpd(Probe.SIGALGS_LISTED, "connected, digest SHA256");
        }
    }

    @Nested
    class UserName {
        @Test
        void theRemoteUserIsTheCertificatesCommonNameAsHttpdsRemoteUser() {
            sameAsHttpd(Probe.USERNAME_WITH_CERTIFICATE, "REMOTE_USER=Valid Client");
        }

        @Test
        void withoutACertificateThereIsNoRemoteUserAsWithHttpd() {
            sameAsHttpd(Probe.USERNAME_WITHOUT_CERTIFICATE, "REMOTE_USER=(unset)");
        }
    }

    /**
     * On BoringSSL the alerts are OpenSSL's, as httpd sends them. JSSE's server sends bad_certificate (42) for a missing
     * certificate and certificate_unknown (46) for any refused one, and has no setting to send others: asserted as such.
     */
    @Nested
    class ClientCertificateAlerts {
        private void sameAsHttpdOnBoringSsl(Probe probe, String httpd, String jsse) {
            assertThat(HTTPD.get(probe.name())).as("httpd: " + probe).isEqualTo(httpd);
            assertThat(probe.run(served.port(probe.scenario))).as("ours: " + probe).isEqualTo(engine == Engine.BORINGSSL ? httpd : jsse);
        }

        @Test
        void tls13WithoutACertificateGetsCertificateRequired116() {
            sameAsHttpdOnBoringSsl(Probe.TLS13_REQUIRE_WITHOUT_CERTIFICATE, "alert 116", "alert 42");
        }

        @Test
        void tls12WithoutACertificateGetsHandshakeFailure40() {
            sameAsHttpdOnBoringSsl(Probe.TLS12_REQUIRE_WITHOUT_CERTIFICATE, "alert 40", "alert 42");
        }

        @Test
        void aCertificateOfAnUnknownCaGetsUnknownCa48OnTls13AndTls12() {
            sameAsHttpdOnBoringSsl(Probe.TLS13_REQUIRE_UNKNOWN_CA, "alert 48", "alert 46");
            sameAsHttpdOnBoringSsl(Probe.TLS12_REQUIRE_UNKNOWN_CA, "alert 48", "alert 46");
        }

        @Test
        void anExpiredCertificateGetsCertificateExpired45OnTls12AndTls13() {
            sameAsHttpdOnBoringSsl(Probe.TLS12_REQUIRE_EXPIRED, "alert 45", "alert 46");
            sameAsHttpdOnBoringSsl(Probe.TLS13_REQUIRE_EXPIRED, "alert 45", "alert 46");
        }

        @Test
        void aRevokedCertificateGetsCertificateRevoked44() {
            sameAsHttpdOnBoringSsl(Probe.TLS12_REQUIRE_REVOKED, "alert 44", "alert 46");
        }
    }
}
