package io.tlsconnector.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tlsconnector.testing.ContainerContract;
import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.LogCapture;

/** The shared adapter contract on Jetty 12, and what only the Jetty adapter says. */
class JettyContractTest extends ContainerContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }

    @Test
    void plainHttpOnTheTlsPortIsToldToUseHttps() throws Exception {
        assertThat(plainHttpExchange())
                .startsWith("HTTP/1.1 400 ")
                .contains("This port speaks HTTPS (TLS), but the request was plain HTTP")
                .contains("use https://localhost/ instead");
    }

    @Test
    void plainHttpOnTheTlsPortIsLoggedWithTheHint() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            plainHttpExchange();
            assertThat(log.await(l -> l.contains("TLS handshake failed"), Duration.ofSeconds(3))).singleElement().asString()
                    .containsPattern("WARN io\\.tlsconnector\\.diag\\.HandshakeLog - TLS handshake failed client=127\\.0\\.0\\.1:\\d+ sni=- vhost=- "
                            + "reason=\"plain HTTP request on the TLS port\" hint=\"the client sent plain HTTP");
        }
    }

    @Test
    void curlWithHttpInsteadOfHttpsSeesTheExplanation() {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(10),
                List.of("curl", "-sS", "http://127.0.0.1:" + server.port() + "/"));
        assertThat(result.stdout()).contains("plain HTTP");
    }
}
