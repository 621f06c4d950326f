package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * A virtual host's {@link PathRule}s (httpd's {@code <Location>} sections, F13), applied by the connector on
 * every adapter and engine: a path that demands a verified client certificate, one denied to all with an
 * open sub-path (the last {@code Require} decides), an SSLRequire expression, and per-path SSLOptions.
 */
public abstract class PathRulesContract extends EngineContract {
    private ClientCertificates certs;
    private TlsRuntime runtime;
    private VariablesServer server;

    protected abstract ContainerUnderTest container();

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startServer(@TempDir Path dir) throws Exception {
        ExternalTool.require("curl");
        certs = new ClientCertificates(dir);
        runtime = TlsRuntime.start(tlsConfig().virtualHost(VirtualHost.builder("localhost")
                .certificate(CertificateSource.of(certs.server.privateKey(), certs.server.fullChain()))
                .verifyClient(VerifyClient.OPTIONAL).caCertificateFile(certs.rootPem).options(SslOption.STD_ENV_VARS)
                .pathRule(PathRule.location("/admin").requireVerifiedClient())
                .pathRule(PathRule.location("/private").denyAll())
                .pathRule(PathRule.location("/private/open").access(PathRule.Access.GRANTED))
                .pathRule(PathRule.locationMatch("^/valid/").sslRequire("%{SSL_CLIENT_S_DN_CN} eq \"Valid Client\""))
                .pathRule(PathRule.location("/legacy/").sslOptions("+LegacyDNStringFormat"))
                .pathRule(PathRule.location("/plain/").sslOptions("-StdEnvVars"))
                .build()).build());
        server = VariablesServer.start(container(), Map.of("tls", runtime));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private String status(String path, TestPki.Issued client, String name) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}"));
        command.addAll(certs.curlOptions(client, name));
        command.add("https://localhost:" + server.port("tls") + path);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, command);
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result.stdout().strip();
    }

    @Test
    void aPathThatRequiresAVerifiedCertificateAnswers403WithoutOne() {
        assertThat(status("/admin/x", null, "none")).isEqualTo("403");
        assertThat(status("/admin/x", certs.valid, "valid")).isEqualTo("200");
        assertThat(status("/other", null, "none")).isEqualTo("200");
    }

    @Test
    void theLastMatchingRequireDecidesSoAnOpenSubPathOfADeniedOneIsServed() {
        assertThat(status("/private/secret", certs.valid, "valid")).isEqualTo("403");
        assertThat(status("/private/open/page", null, "none")).isEqualTo("200");
    }

    @Test
    void anSslRequireExpressionLetsInOnlyTheClientsItNames() {
        assertThat(status("/valid/page", certs.valid, "valid")).isEqualTo("200");
        assertThat(status("/valid/page", certs.second, "second")).isEqualTo("403");
        assertThat(status("/valid/page", null, "none")).isEqualTo("403");
    }

    @Test
    void perPathSslOptionsChangeTheExportedVariables() {
        String base = "https://localhost:" + server.port("tls");
        List<String> options = certs.curlOptions(certs.valid, "valid");
        assertThat(Curl.json(base + "/index", options)).containsEntry("SSL_CLIENT_S_DN", "CN=Valid Client,O=tls-connector tests");
        assertThat(Curl.json(base + "/legacy/index", options)).containsEntry("SSL_CLIENT_S_DN", "/O=tls-connector tests/CN=Valid Client");
        assertThat(Curl.json(base + "/plain/index", options)).doesNotContainKey("SSL_CLIENT_S_DN").containsEntry("HTTPS", "on");
    }
}
