package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import io.tlsconnector.http.FakeBasicAuth;
import io.tlsconnector.http.SslRequireFilter;

/**
 * SSLOptions +FakeBasicAuth (F33) and the SslRequireFilter on the container under test: the container's own
 * Basic authentication and security constraint admit the right client certificate only, with the one-line
 * DN as the remote user, and an SSLRequire expression answers 403 or lets the request through.
 */
public abstract class FakeBasicAuthContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    @TempDir
    static Path dir;

    static ClientCertificates certs;
    static TlsRuntime runtime;
    static TlsRuntime strictRuntime;
    static TlsRuntime namedRuntime;
    static ContainerUnderTest.Running running;

    /** Who the container says the user is, and what it authenticated with. */
    public static final class WhoAmIServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("user=" + request.getRemoteUser() + " auth=" + request.getAuthType());
        }
    }

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void start() throws Exception {
        certs = new ClientCertificates(dir);
        runtime = runtime();
        strictRuntime = runtime(SslOption.STRICT_REQUIRE);
        namedRuntime = TlsRuntime.start(tlsConfig().virtualHost(VirtualHost.builder("localhost")
                .certificate(CertificateSource.of(certs.server.privateKey(), certs.server.fullChain()))
                .verifyClient(VerifyClient.OPTIONAL).caCertificateFile(certs.rootPem).userName("SSL_CLIENT_S_DN_CN")
                .options(SslOption.STD_ENV_VARS, SslOption.FAKE_BASIC_AUTH).build()).build());
        // satisfyAny: a user the container authenticated passes a denial, unless the host has STRICT_REQUIRE.
        SslRequireFilter require = new SslRequireFilter(true,
                "%{REQUEST_URI} !~ m#^/required/# || (%{SSL_CLIENT_VERIFY} eq \"SUCCESS\" && %{SSL_CLIENT_S_DN_CN} in {\"Valid Client\", \"Someone Else\"})",
                "%{REQUEST_URI} !~ m#^/secure/denied# || %{SSL_CLIENT_S_DN_CN} == \"Nobody\"");
        ContainerUnderTest.BasicAuth constraint = new ContainerUnderTest.BasicAuth("/secure/*", "client",
                Map.of(ClientCertificates.onelineDn(certs.valid), FakeBasicAuth.PASSWORD));
        running = container().launch(java.util.List.of(ContainerUnderTest.Tls.of(runtime), ContainerUnderTest.Tls.of(strictRuntime),
                        ContainerUnderTest.Tls.of(namedRuntime)),
                WhoAmIServlet.class,
                new ContainerUnderTest.Extras(null, require, constraint));
    }

    private TlsRuntime runtime(SslOption... more) {
        return TlsRuntime.start(tlsConfig().virtualHost(VirtualHost.builder("localhost")
                .certificate(CertificateSource.of(certs.server.privateKey(), certs.server.fullChain()))
                .verifyClient(VerifyClient.OPTIONAL).caCertificateFile(certs.rootPem)
                .options(SslOption.STD_ENV_VARS, SslOption.FAKE_BASIC_AUTH).options(more).build()).build());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() throws Exception {
        ContainerUnderTest.closeAll(running, runtime, strictRuntime, namedRuntime);
    }

    private static String get(TestPki.Issued client, String path, Map<String, String> headers) throws Exception {
        return get(0, client, path, headers);
    }

    private static String get(int connector, TestPki.Issued client, String path, Map<String, String> headers) throws Exception {
        HttpClient http = certs.httpClient(client);
        return ClientCertificates.get(http, "https://localhost:" + running.port(connector) + path, headers);
    }

    @Nested
    class FakeBasicAuthWithASecurityConstraint {
        @Test
        void theRightCertificateIsAdmittedWithItsOnelineDnAsTheRemoteUser() throws Exception {
            assertThat(get(certs.valid, "/secure/page", Map.of()))
                    .isEqualTo("200 user=/O=tls-connector tests/CN=Valid Client auth=BASIC");
        }

        @Test
        void anotherValidCertificateIsNotAdmitted() throws Exception {
            assertThat(get(certs.second, "/secure/page", Map.of())).startsWith("401 ");
        }

        @Test
        void aForgedFakeBasicAuthHeaderIsRefusedWith403() throws Exception {
            String forged = FakeBasicAuth.header(ClientCertificates.onelineDn(certs.valid));
            assertThat(get(certs.second, "/secure/page", Map.of("Authorization", forged))).startsWith("403");
        }
    }

    /** SSLUserName with FakeBasicAuth, as mod_ssl: Basic authentication admits the DN, then the user is renamed (F33). */
    @Nested
    class UserNameAfterTheContainersAuthentication {
        @Test
        void theRemoteUserIsTheVariableAndTheAuthenticationStaysTheContainers() throws Exception {
            assertThat(get(2, certs.valid, "/secure/page", Map.of())).isEqualTo("200 user=Valid Client auth=BASIC");
        }

        @Test
        void itAuthenticatesNoOneTheContainerRefuses() throws Exception {
            assertThat(get(2, certs.second, "/secure/page", Map.of())).startsWith("401 ");
        }

        @Test
        void onAnUnconstrainedPathTheUserIsTheVariableWithoutAuthentication() throws Exception {
            assertThat(get(2, certs.second, "/open/page", Map.of())).isEqualTo("200 user=Second Client auth=null");
        }
    }

    @Nested
    class SslRequire {
        @Test
        void aCertificateTheExpressionAllowsIsServed() throws Exception {
            assertThat(get(certs.valid, "/required/page", Map.of())).startsWith("200 user=");
        }

        @Test
        void aCertificateTheExpressionDoesNotAllowGets403() throws Exception {
            assertThat(get(certs.second, "/required/page", Map.of())).startsWith("403");
        }

        @Test
        void anAuthenticatedUserPassesADenialWithSatisfyAnyButNotWithStrictRequire() throws Exception {
            assertThat(get(0, certs.valid, "/secure/denied", Map.of()))
                    .isEqualTo("200 user=/O=tls-connector tests/CN=Valid Client auth=BASIC");
            assertThat(get(1, certs.valid, "/secure/denied", Map.of())).startsWith("403");
        }
    }
}
