package io.tlsconnector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The SslRequireFilter's start-up checks, and FakeBasicAuth's header (F33). */
class SslRequireFilterTest {
    private static FilterConfig config(Map<String, String> parameters) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "client-rules";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return parameters.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(parameters.keySet());
            }
        };
    }

    @Nested
    class StartUp {
        @Test
        void anExpressionThatDoesNotParseStopsTheFilterNamingItAndThePosition() {
            SslRequireFilter filter = new SslRequireFilter();
            assertThatThrownBy(() -> filter.init(config(Map.of("expression", "%{SSL_CLIENT_VERIFY} == \"SUCCESS\"\n%{SSL_PROTOCOL} =="))))
                    .isInstanceOf(ServletException.class)
                    .hasMessage("SslRequireFilter 'client-rules': Expression \"%{SSL_PROTOCOL} ==\" cannot be parsed at position 19:"
                            + " the expression ends where a word (\"string\", number or %{VARIABLE}) is expected.");
        }

        @Test
        void everyLineOfTheInitParameterIsOneExpression() throws Exception {
            SslRequireFilter filter = new SslRequireFilter();
            filter.init(config(Map.of("expression", " %{SSL_CLIENT_VERIFY} == \"SUCCESS\" \n\n%{HTTPS} == \"on\"")));
            assertThat(filter.expressions()).containsExactly("%{SSL_CLIENT_VERIFY} == \"SUCCESS\"", "%{HTTPS} == \"on\"");
        }

        @Test
        void aFilterWithoutExpressionsIsRefused() {
            assertThatThrownBy(() -> new SslRequireFilter().init(config(Map.of())))
                    .hasMessage("SslRequireFilter 'client-rules' has no expression; set the init parameter 'expression',"
                            + " e.g. %{SSL_CLIENT_VERIFY} == \"SUCCESS\".");
        }

        @Test
        void theConstructorParsesAtOnce() {
            assertThatThrownBy(() -> new SslRequireFilter("%{SSL_CLIENT_S_DN_CN} in {\"a\""))
                    .hasMessage("Expression \"%{SSL_CLIENT_S_DN_CN} in {\"a\"\" cannot be parsed at position 30: expected ',' or '}' in the list.");
        }
    }

    @Nested
    class FakeBasicAuthHeader {
        @Test
        void theHeaderCarriesTheDnAndThePasswordPasswordInBase64() {
            assertThat(FakeBasicAuth.header("/O=tls-connector tests/CN=Valid Client"))
                    .isEqualTo("Basic L089dGxzLWNvbm5lY3RvciB0ZXN0cy9DTj1WYWxpZCBDbGllbnQ6cGFzc3dvcmQ=");
        }
    }
}
