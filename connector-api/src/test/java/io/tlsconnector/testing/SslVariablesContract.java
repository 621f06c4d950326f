package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/** SSL_* variables on the container under test: computed once per TLS session, exported as the options say (F10). */
public abstract class SslVariablesContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki.Issued localhost;
    static TestPki.Issued client;
    static Path rootPem;
    static final List<TlsRuntime> runtimes = new ArrayList<>();
    static VariablesServer server;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void start() throws Exception {
        pki = TestPki.create();
        localhost = pki.issueServer("localhost", "localhost");
        client = pki.issueServer("Client One");
        rootPem = TestPki.write(dir.resolve("root.pem"), TestPki.pem(pki.rootCertificate()));
        Map<String, TlsRuntime> byName = new LinkedHashMap<>();
        byName.put("std", runtime(VerifyClient.OPTIONAL, SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA));
        byName.put("plain", runtime(VerifyClient.NONE));
        byName.put("certdata", runtime(VerifyClient.OPTIONAL, SslOption.EXPORT_CERT_DATA));
        byName.put("require", runtime(VerifyClient.REQUIRE, SslOption.STD_ENV_VARS));
        runtimes.addAll(byName.values());
        server = VariablesServer.start(container(), byName);
    }

    private TlsRuntime runtime(VerifyClient verify, SslOption... options) {
        VirtualHost.Builder host = VirtualHost.builder("localhost")
                .certificate(CertificateSource.of(localhost.privateKey(), localhost.fullChain()))
                .verifyClient(verify)
                .verifyDepth(2)
                .options(options);
        if (verify != VerifyClient.NONE) {
            host.caCertificateFile(rootPem);
        }
        return TlsRuntime.start(tlsConfig().virtualHost(host.build()).build());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        runtimes.forEach(TlsRuntime::close);
        runtimes.clear();
    }

    private static List<String> clientCertificate() {
        return List.of("--cacert", rootPem.toString(), "--cert", client.writeFullChain(dir, "client").toString(),
                "--key", client.writeKey(dir, "client").toString());
    }

    @Nested
    class OncePerTlsSession {
        @Test
        void aKeepAliveConnectionWithAThousandRequestsComputesTheVariablesOnce() throws Exception {
            Set<String> first = identities("std", 1000);
            assertThat(first).as("one SslVariables object for every request of the connection").hasSize(1);
            Set<String> second = identities("std", 3);
            assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        }

        @Test
        void withNothingExportedTheVariablesObjectIsMadeWhenReadAndKeptForTheConnection() throws Exception {
            // Without StdEnvVars the object is computed only when the application asks for it (both adapters).
            Set<String> first = identities("plain", 50);
            assertThat(first).as("one SslVariables object, made on demand, for every request of the connection")
                    .hasSize(1).doesNotContain("none", null);
            assertThat(identities("plain", 2)).hasSize(1).doesNotContainAnyElementsOf(first);
        }

        @Test
        void http2StreamsOfOneConnectionShareTheVariables() throws Exception {
            // The JDK client multiplexes every request to one origin over a single HTTP/2 connection.
            java.net.http.HttpClient client = TrustingClients.httpClient(java.net.http.HttpClient.Version.HTTP_2, pki.rootCertificate());
            java.net.URI uri = java.net.URI.create("https://localhost:" + server.port("std") + "/h2");
            Set<String> identities = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
                identities.add(response.headers().firstValue(VariablesServer.IDENTITY_HEADER).orElse("missing"));
            }
            assertThat(identities).as("one SslVariables object for the streams of one HTTP/2 connection").hasSize(1)
                    .doesNotContain("missing", "none");
        }

        /** Sends {@code requests} HTTP/1.1 requests over one TLS connection; returns the SslVariables identities seen. */
        private Set<String> identities(String connector, int requests) throws IOException {
            Set<String> seen = new HashSet<>();
            try (SSLSocket socket = (SSLSocket) TrustingClients.sslContextTrusting(pki.rootCertificate())
                    .getSocketFactory().createSocket("127.0.0.1", server.port(connector))) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < requests; i++) {
                    out.write("GET /keep-alive HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Map<String, String> headers = readResponse(in);
                    seen.add(headers.get(VariablesServer.IDENTITY_HEADER.toLowerCase(Locale.ROOT)));
                }
            }
            return seen;
        }

        private Map<String, String> readResponse(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("response ended early: %s", head).isNotNegative();
                head.write(b);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            assertThat(headers).as("a sized response: %s", headers).containsKey("content-length");
            in.readNBytes(Integer.parseInt(headers.get("content-length")));
            return headers;
        }
    }

    @Nested
    class Options {
        @Test
        void withoutStdEnvVarsOnlyHttpsAndTheSniNameAreAttributes() {
            Map<String, String> env = Curl.json("https://localhost:" + server.port("plain") + "/",
                    List.of("--cacert", rootPem.toString()));
            assertThat(env).containsOnly(Map.entry("HTTPS", "on"), Map.entry("SSL_TLS_SNI", "localhost"));
        }

        @Test
        void exportCertDataAloneAddsOnlyThePemCertificates() {
            Map<String, String> env = Curl.json("https://localhost:" + server.port("certdata") + "/", clientCertificate());
            assertThat(env.keySet()).containsExactlyInAnyOrder("HTTPS", "SSL_TLS_SNI", "SSL_SERVER_CERT", "SSL_CLIENT_CERT",
                    "SSL_CLIENT_CERT_CHAIN_0");
            assertThat(env.get("SSL_CLIENT_CERT")).isEqualTo(TestPki.pem(client.certificate()));
            assertThat(env.get("SSL_CLIENT_CERT_CHAIN_0")).isEqualTo(TestPki.pem(pki.intermediateCertificate()));
        }

        @Test
        void withoutAClientCertificateSslClientCertIsEmptyAndVerifyIsNone() {
            Map<String, String> env = Curl.json("https://localhost:" + server.port("std") + "/", List.of("--cacert", rootPem.toString()));
            assertThat(env).containsEntry("SSL_CLIENT_CERT", "").containsEntry("SSL_CLIENT_VERIFY", "NONE")
                    .doesNotContainKey("SSL_CLIENT_S_DN");
        }
    }

    @Nested
    class ClientAuthentication {
        @Test
        void requireRefusesAClientWithoutCertificate() {
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), List.of("curl", "-sS", "--cacert",
                    rootPem.toString(), "https://localhost:" + server.port("require") + "/"));
            assertThat(result.exitCode()).as(result.all()).isNotZero();
        }

        @Test
        void requireServesAVerifiedClientWithItsDistinguishedName() {
            Map<String, String> env = Curl.json("https://localhost:" + server.port("require") + "/", clientCertificate());
            assertThat(env).containsEntry("SSL_CLIENT_VERIFY", "SUCCESS")
                    .containsEntry("SSL_CLIENT_S_DN", "O=tls-connector tests,CN=Client One")
                    .containsEntry("SSL_CLIENT_S_DN_CN", "Client One")
                    .containsEntry("SSL_CLIENT_I_DN", "O=tls-connector tests,CN=Test Intermediate CA");
        }
    }

    @Nested
    class Resumption {
        @Test
        void aResumedTls12SessionSaysResumedAndDropsTheSentChain() throws IOException {
            assertResumed("-tls1_2");
        }

        @Test
        void aResumedTls13SessionSaysResumed() throws IOException {
            assertResumed("-tls1_3");
        }

        private void assertResumed(String protocol) throws IOException {
            Path session = dir.resolve("session" + protocol + ".pem");
            Map<String, String> initial = sClient(protocol, "-sess_out", session.toString());
            Map<String, String> resumed = sClient(protocol, "-sess_in", session.toString());
            assertThat(initial).containsEntry("SSL_SESSION_RESUMED", "Initial").containsKey("SSL_CLIENT_CERT_CHAIN_0");
            assertThat(resumed).containsEntry("SSL_SESSION_RESUMED", "Resumed")
                    .containsEntry("SSL_CLIENT_S_DN_CN", "Client One")
                    .doesNotContainKey("SSL_CLIENT_CERT_CHAIN_0");
        }

        private Map<String, String> sClient(String protocol, String... sessionOptions) {
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port("std"),
                    "-servername", "localhost", "-ign_eof", "-quiet", protocol, "-CAfile", rootPem.toString(),
                    "-cert", client.writeCertificate(dir, "client-leaf").toString(),
                    "-cert_chain", client.writeChain(dir, "client").toString(),
                    "-key", client.writeKey(dir, "client").toString()));
            command.addAll(List.of(sessionOptions));
            ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                    "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII), command);
            String out = result.stdout();
            int start = out.indexOf('{');
            int end = out.lastIndexOf('}');
            assertThat(start).as(result.all()).isNotNegative();
            return FlatJson.parse(out.substring(start, end + 1));
        }
    }
}
