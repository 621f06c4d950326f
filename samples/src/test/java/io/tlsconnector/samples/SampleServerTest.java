package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.SClient;
import io.tlsconnector.testing.TrustingClients;
import picocli.CommandLine;

/**
 * The Jetty and Tomcat samples with their generated development certificate, asked by curl, openssl
 * and the JDK client (F7, F14).
 */
class SampleServerTest {
    @Nested
    class OnJetty extends SampleUnderTest {
        OnJetty() {
            super(SampleKind.JETTY);
        }
    }

    @Nested
    class OnTomcat extends SampleUnderTest {
        OnTomcat() {
            super(SampleKind.TOMCAT);
        }
    }
}

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleUnderTest {
    int port;
    X509Certificate developmentCertificate;

    private final SampleKind kind;
    private SampleKind.Started sample;

    SampleUnderTest(SampleKind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startSample() throws Exception {
        JettySample command = new JettySample();
        new CommandLine(command).parseArgs("--port", "0");
        TlsConfig config = command.tlsConfig();
        developmentCertificate = ((CertificateSource.InMemory) config.defaultVirtualHost().certificates().get(0)).chain().get(0);
        sample = kind.start(config);
        port = sample.port();
    }

    @AfterAll
    void stopSample() throws Exception {
        sample.close();
    }

    @Test
    void theDevelopmentCertificateCoversTheLocalNames() throws Exception {
        assertThat(developmentCertificate.getSubjectAlternativeNames())
                .extracting(name -> name.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(developmentCertificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void curlGetsHello() {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                List.of("curl", "-sS", "-k", "https://localhost:" + port + "/"));
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).startsWith("hello").contains("protocol: TLSv1.3").contains("cipher: TLS_");
    }

    @Test
    void curlGetsHelloOverHttp2() {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                List.of("curl", "-sS", "-k", "--http2", "https://localhost:" + port + "/"));
        assertThat(result.stdout()).startsWith("hello").contains("http: HTTP/2.0");
    }

    @Test
    void sslscanFindsNoOldProtocolAndNoWeakCipherInTheDefaultConfiguration() {
        ExternalTool.Result scan = ExternalTool.run(Duration.ofSeconds(120),
                List.of("sslscan", "--no-colour", "--no-heartbleed", "127.0.0.1:" + port));
        String out = scan.stdout();
        assertThat(out).as(scan.all())
                .containsPattern("SSLv2\\s+disabled").containsPattern("SSLv3\\s+disabled")
                .containsPattern("TLSv1\\.0\\s+disabled").containsPattern("TLSv1\\.1\\s+disabled")
                .containsPattern("TLSv1\\.2\\s+enabled").containsPattern("TLSv1\\.3\\s+enabled");
        List<String> accepted = out.lines().filter(l -> l.startsWith("Accepted") || l.startsWith("Preferred")).toList();
        assertThat(accepted).as(out).isNotEmpty();
        for (String line : accepted) {
            String cipher = line.trim().split("\\s+")[4];
            boolean tls13 = cipher.startsWith("TLS_");
            boolean forwardSecretAead = (cipher.startsWith("ECDHE-") || cipher.startsWith("DHE-"))
                    && (cipher.contains("GCM") || cipher.contains("CHACHA20"));
            assertThat(tls13 || forwardSecretAead).as("weak or not forward-secret: %s", line).isTrue();
        }
    }

    @Test
    void opensslSClientGetsHello() {
        SClient.Outcome outcome = SClient.exchange(port, "localhost", "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(outcome.certificate()).as(outcome.output()).isEqualTo(developmentCertificate);
        assertThat(outcome.output()).contains("HTTP/1.1 200").contains("hello");
    }

    @Test
    void jdkHttpClientGetsHelloOverHttp11AndHttp2() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient client = TrustingClients.httpClient(version, developmentCertificate);
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(version);
            assertThat(response.body()).startsWith("hello");
        }
    }
}
