package io.tlsconnector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** mod_ssl SSLRequire / Require expr expressions: every operator, precedence, variables and parse errors. */
class SslExpressionTest {
    static final Map<String, String> REQUEST = Map.of(
            "SSL_CLIENT_VERIFY", "SUCCESS",
            "SSL_CLIENT_S_DN_O", "Snake Oil, Ltd.",
            "SSL_CLIENT_S_DN_OU", "Staff",
            "SSL_CLIENT_S_DN_CN", "Jane Doe",
            "SSL_CIPHER_USEKEYSIZE", "256",
            "SSL_PROTOCOL", "TLSv1.3",
            "REQUEST_METHOD", "GET",
            "REMOTE_ADDR", "127.0.0.1",
            "TIME_HOUR", "09",
            "HTTP_USER_AGENT", "curl/7.88.1");

    private static boolean eval(String expression) {
        return SslExpression.parse(expression).evaluate(REQUEST::get);
    }

    @Nested
    class Operators {
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiterString = "=>", textBlock = """
                %{SSL_CLIENT_VERIFY} == "SUCCESS" => true
                %{SSL_CLIENT_VERIFY} == "NONE" => false
                %{SSL_CLIENT_VERIFY} eq 'SUCCESS' => true
                %{SSL_CLIENT_VERIFY} != "SUCCESS" => false
                %{SSL_CLIENT_S_DN_OU} ne "Staff" => false
                %{SSL_CIPHER_USEKEYSIZE} >= 128 => true
                %{SSL_CIPHER_USEKEYSIZE} < 1000 => true
                %{SSL_CIPHER_USEKEYSIZE} <= 256 => true
                %{SSL_CIPHER_USEKEYSIZE} > 256 => false
                %{SSL_CIPHER_USEKEYSIZE} lt 99 => false
                %{SSL_CIPHER_USEKEYSIZE} le 255 => false
                %{SSL_CIPHER_USEKEYSIZE} gt 99 => true
                %{SSL_CIPHER_USEKEYSIZE} ge 256 => true
                %{SSL_CIPHER_USEKEYSIZE} -eq 256 => true
                %{SSL_CIPHER_USEKEYSIZE} -ne 256 => false
                %{SSL_CIPHER_USEKEYSIZE} -lt 1000 => true
                %{SSL_CIPHER_USEKEYSIZE} -le 128 => false
                %{SSL_CIPHER_USEKEYSIZE} -gt -1 => true
                %{SSL_CIPHER_USEKEYSIZE} -ge 257 => false
                %{SSL_CLIENT_S_DN_CN} =~ /^Jane/ => true
                %{SSL_CLIENT_S_DN_CN} =~ /^jane/i => true
                %{SSL_CLIENT_S_DN_CN} =~ m#Doe$# => true
                %{SSL_CLIENT_S_DN_CN} !~ /Smith/ => true
                %{SSL_CLIENT_S_DN_CN} !~ m#Jane# => false
                %{SSL_CLIENT_S_DN_O} in {"Snake Oil, Ltd.", "Staff"} => true
                %{SSL_CLIENT_S_DN_OU} in {"CA", "Dev"} => false
                %{SSL_CLIENT_S_DN_OU} -in {"CA", "Staff"} => true
                %{SSL_PROTOCOL} == "TLSv1.3" and %{REQUEST_METHOD} == "GET" => true
                %{SSL_PROTOCOL} == "TLSv1.2" && %{REQUEST_METHOD} == "GET" => false
                %{SSL_PROTOCOL} == "TLSv1.2" or %{REQUEST_METHOD} == "GET" => true
                %{SSL_PROTOCOL} == "TLSv1.2" || %{REQUEST_METHOD} == "PUT" => false
                ! %{SSL_PROTOCOL} == "TLSv1.2" => true
                not %{SSL_CLIENT_VERIFY} == "SUCCESS" => false
                !(%{REQUEST_METHOD} == "GET" || %{REQUEST_METHOD} == "HEAD") => false
                (%{SSL_PROTOCOL} == "x" or true) and %{TIME_HOUR} >= 8 => true
                %{SSL_PROTOCOL} == "x" or true and false => false
                "%{SSL_CLIENT_S_DN_CN}@%{REMOTE_ADDR}" == "Jane Doe@127.0.0.1" => true
                %{HTTP_USER_AGENT} =~ /^curl\\// => true
                %{SSL_CLIENT_I_DN_CN} == "" => true
                true => true
                false => false
                """)
        void evaluatesAsModSsl(String expression, boolean expected) {
            assertThat(eval(expression)).as(expression).isEqualTo(expected);
        }

        @Test
        void orderingComparesTheShorterStringAsTheSmallerAsSslRequireDoes() {
            assertThat(eval("%{SSL_CIPHER_USEKEYSIZE} > 99")).isTrue();
            assertThat(SslExpression.compareCompat("abc", "abd")).isNegative();
            assertThat(SslExpression.compareCompat("zz", "aaa")).isNegative();
        }
    }

    @Nested
    class ParseErrors {
        @Test
        void aMissingOperatorIsNamedWithItsPosition() {
            assertThatThrownBy(() -> SslExpression.parse("%{SSL_CLIENT_VERIFY} \"SUCCESS\""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expression \"%{SSL_CLIENT_VERIFY} \"SUCCESS\"\" cannot be parsed at position 22: expected an operator"
                            + " (==, !=, <, <=, >, >=, =~, !~, in, -eq, ...) but found '\"SUCCESS\"'.");
        }

        @Test
        void anUnclosedParenthesisIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("(%{SSL_PROTOCOL} == \"TLSv1.3\""))
                    .hasMessage("Expression \"(%{SSL_PROTOCOL} == \"TLSv1.3\"\" cannot be parsed at position 30: the expression ends before ')'.");
        }

        @Test
        void anUnknownVariableIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("%{CLIENT_VERIFY} == \"SUCCESS\""))
                    .hasMessageStartingWith("Expression \"%{CLIENT_VERIFY} == \"SUCCESS\"\" cannot be parsed at position 1: unknown"
                            + " variable %{CLIENT_VERIFY}; use SSL_*, HTTP_*, HTTP:name or one of [AUTH_TYPE, HTTPS,");
        }

        @Test
        void anInvalidRegularExpressionIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("%{SSL_PROTOCOL} =~ /TLS(/"))
                    .hasMessage("Expression \"%{SSL_PROTOCOL} =~ /TLS(/\" cannot be parsed at position 21: the regular expression is"
                            + " invalid: Unclosed group.");
        }

        @Test
        void trailingWordsAreRefused() {
            assertThatThrownBy(() -> SslExpression.parse("true false"))
                    .hasMessage("Expression \"true false\" cannot be parsed at position 6: unexpected 'false'; expected 'and', 'or' or the end.");
        }

        @Test
        void aListWithoutBracesIsRefused() {
            assertThatThrownBy(() -> SslExpression.parse("%{SSL_PROTOCOL} in \"TLSv1.3\""))
                    .hasMessage("Expression \"%{SSL_PROTOCOL} in \"TLSv1.3\"\" cannot be parsed at position 20: 'in' needs a list such as"
                            + " {\"a\", \"b\"}.");
        }
    }
}
