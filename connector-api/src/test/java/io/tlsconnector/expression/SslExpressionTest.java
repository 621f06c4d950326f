package io.tlsconnector.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERVisibleString;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tlsconnector.testing.CertificateBuilder;

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
    static final String ARC = "1.3.6.1.4.1.55555.";
    static final X509Certificate CLIENT = CertificateBuilder.subject().rdn("2.5.4.3", new DERUTF8String("Jane Doe"))
            .extension(ARC + "1", new DERUTF8String("foo"))
            .extension(ARC + "2", new DERIA5String("bar"))
            .extension(ARC + "3", new DERVisibleString("visible"))
            .extension(ARC + "4", new DERBMPString("b\u00e4z"))
            .extension(ARC + "5", new ASN1Integer(5))
            .extension(ARC + "6", new DERSequence(new DERUTF8String("inside")))
            .extension(ARC + "7", new DERUTF8String("Jane Doe"))
            .extension("2.16.840.1.113730.1.13", new DERIA5String("hello comment"))
            .serial(BigInteger.TEN).issuedBy(null).certificate();

    private static boolean eval(String expression) {
        return SslExpression.parse(expression).evaluate(REQUEST::get);
    }

    private static boolean eval(String expression, Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(REQUEST);
        variables.putAll(more);
        return SslExpression.parse(expression).evaluate(variables::get, CLIENT);
    }

    @Nested
    class UnaryOperators {
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiterString = "=>", textBlock = """
                -n %{SSL_CLIENT_S_DN_CN} => true
                -n %{SSL_CLIENT_I_DN_CN} => false
                -z %{SSL_CLIENT_I_DN_CN} => true
                -z "%{SSL_CLIENT_S_DN_CN}" => false
                -n '' => false
                ! -z %{SSL_PROTOCOL} && -n "x" => true
                -R '127.0.0.0/8' => true
                -R '10.0.0.0/8' => false
                """)
        void testEmptinessAndTheClientAddress(String expression, boolean expected) {
            assertThat(eval(expression)).as(expression).isEqualTo(expected);
        }
    }

    @Nested
    class IpMatch {
        @ParameterizedTest(name = "{0} -ipmatch {1} is {2}")
        @CsvSource(delimiterString = "=>", textBlock = """
                192.0.2.77 => 192.0.2.0/24 => true
                192.0.3.1 => 192.0.2.0/24 => false
                192.0.2.77 => 192.0.2.77 => true
                192.0.2.78 => 192.0.2.77 => false
                10.20.30.40 => 10.0.0.0/255.0.0.0 => true
                10.20.30.40 => 10.20 => true
                10.21.30.40 => 10.20 => false
                2001:db8::5 => 2001:db8::/32 => true
                2001:db9::5 => 2001:db8::/32 => false
                2001:DB8:0:0:0:0:0:1 => 2001:db8::1 => true
                ::ffff:192.0.2.7 => 192.0.2.0/24 => true
                192.0.2.7 => 2001:db8::/32 => false
                not-an-address.invalid => 0.0.0.0/0 => false
                '' => 0.0.0.0/0 => false
                """)
        void matchesIpv4AndIpv6SubnetsAsHttpd(String address, String subnet, boolean expected) {
            assertThat(eval("%{HTTP_X_ADDR} -ipmatch '" + subnet + "'", Map.of("HTTP_X_ADDR", address)))
                    .as(address + " in " + subnet).isEqualTo(expected);
        }

        @Test
        void theSubnetMustBeAConstant() {
            assertThatThrownBy(() -> SslExpression.parse("%{REMOTE_ADDR} -ipmatch %{HTTP_X_NET}"))
                    .hasMessage("Expression \"%{REMOTE_ADDR} -ipmatch %{HTTP_X_NET}\" cannot be parsed at position 25:"
                            + " -ipmatch needs the subnet as a constant string such as '192.0.2.0/24'.");
        }

        @Test
        void anInvalidSubnetIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("%{REMOTE_ADDR} -ipmatch '192.0.2.0/33'"))
                    .hasMessage("Expression \"%{REMOTE_ADDR} -ipmatch '192.0.2.0/33'\" cannot be parsed at position 25:"
                            + " -ipmatch needs a subnet such as '192.0.2.0/24' or '2001:db8::/32': '33' is neither a prefix"
                            + " length (0-32) nor a netmask.");
            assertThatThrownBy(() -> SslExpression.parse("-R 'example.com'"))
                    .hasMessage("Expression \"-R 'example.com'\" cannot be parsed at position 4: -R needs a subnet such as"
                            + " '192.0.2.0/24' or '2001:db8::/32': 'example.com' is not an IP address or network.");
            assertThatThrownBy(() -> SslExpression.parse("-R '192.0.2.1/24'"))
                    .hasMessageEndingWith("'192.0.2.1/24' has bits set outside its mask.");
        }
    }

    @Nested
    class GlobMatch {
        @ParameterizedTest(name = "{0} {1} {2} is {3}")
        @CsvSource(delimiterString = "=>", textBlock = """
                Report-2024.PDF => -strmatch => *.PDF => true
                Report-2024.PDF => -strmatch => *.pdf => false
                Report-2024.PDF => -strcmatch => *.pdf => true
                Report-2024.PDF => -strmatch => Report-20[0-9][0-9].??? => true
                Report-2024.PDF => -strmatch => Report-20[!0-9]* => false
                Report-2024.PDF => -strmatch => Report-20[^a-z]* => true
                /a/b/c => -strmatch => /a/* => true
                /a/b/c => -fnmatch => /a/* => false
                /a/b => -fnmatch => /a/? => true
                [x => -strmatch => [x => true
                a]b => -strmatch => a[]]b => true
                """)
        void matchesAsAprFnmatch(String value, String op, String pattern, boolean expected) {
            assertThat(eval("%{HTTP_X_NAME} " + op + " '" + pattern + "'", Map.of("HTTP_X_NAME", value)))
                    .as(value + " " + op + " " + pattern).isEqualTo(expected);
        }

        @Test
        void aBackslashInThePatternMatchesTheNextCharacterLiterally() {
            // The string's own escape takes one backslash ('a\\*b' is a\*b), as in ap_expr.
            assertThat(eval("%{HTTP_X_NAME} -strmatch 'a\\\\*b'", Map.of("HTTP_X_NAME", "a*b"))).isTrue();
            assertThat(eval("%{HTTP_X_NAME} -strmatch 'a\\\\*b'", Map.of("HTTP_X_NAME", "axb"))).isFalse();
            assertThat(eval("%{HTTP_X_NAME} -strmatch 'a\\*b'", Map.of("HTTP_X_NAME", "axb"))).isTrue();
        }

        @Test
        void thePatternMayComeFromAVariable() {
            assertThat(eval("%{SSL_CLIENT_S_DN_CN} -strmatch %{HTTP_X_GLOB}", Map.of("HTTP_X_GLOB", "Jane*"))).isTrue();
        }
    }

    @Nested
    class FileFunction {
        @TempDir
        Path dir;

        @Test
        void givesTheFileContents() throws Exception {
            Path file = Files.writeString(dir.resolve("allowed"), "open sesame\n", StandardCharsets.UTF_8);
            assertThat(eval("file('" + file + "') == \"open sesame\"")).isFalse();
            assertThat(eval("file('" + file + "') == \"open sesame\n\"")).isTrue();
            assertThat(eval("file('" + file + "') =~ /^open sesame$/")).isTrue();
            assertThat(eval("-n file(\"" + file + "\")")).isTrue();
            assertThat(eval("\"open sesame\n\" == file('" + file + "')")).isTrue();
            assertThat(eval("file('" + file + "') -strmatch 'open*'")).isTrue();
        }

        @Test
        void anEmptyFileIsTheEmptyString() throws Exception {
            Path file = Files.writeString(dir.resolve("empty"), "", StandardCharsets.UTF_8);
            assertThat(eval("-z file('" + file + "')")).isTrue();
        }

        @Test
        void aFileThatCannotBeReadFailsTheEvaluationAsInHttpd() {
            Path missing = dir.resolve("missing");
            String expression = "! (file('" + missing + "') == \"x\")";
            assertThatThrownBy(() -> eval(expression))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Expression \"" + expression + "\" cannot be evaluated: cannot read file " + missing
                            + " (java.nio.file.NoSuchFileException");
        }

        @Test
        void anUnclosedCallIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("file('/etc/hostname' == \"x\""))
                    .hasMessage("Expression \"file('/etc/hostname' == \"x\"\" cannot be parsed at position 22: expected ')' to"
                            + " close file( but found '== \"x\"'.");
        }

        @Test
        void anUnknownFunctionIsNamed() {
            assertThatThrownBy(() -> SslExpression.parse("md5(%{SSL_PROTOCOL}) == \"x\""))
                    .hasMessage("Expression \"md5(%{SSL_PROTOCOL}) == \"x\"\" cannot be parsed at position 1: unknown function"
                            + " md5(...); SSLRequire knows file(\"/path\") and, after 'in', PeerExtList(\"oid\").");
        }
    }

    @Nested
    class PeerExtList {
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiterString = "=>", textBlock = """
                "foo" in PeerExtList("1.3.6.1.4.1.55555.1") => true
                "bar" in PeerExtList('1.3.6.1.4.1.55555.1') => false
                "bar" in PeerExtList("1.3.6.1.4.1.55555.2") => true
                "visible" in PeerExtList("1.3.6.1.4.1.55555.3") => true
                "b\u00e4z" in PeerExtList("1.3.6.1.4.1.55555.4") => true
                "5" in PeerExtList("1.3.6.1.4.1.55555.5") => false
                "inside" in PeerExtList("1.3.6.1.4.1.55555.6") => false
                %{SSL_CLIENT_S_DN_CN} -in PeerExtList("1.3.6.1.4.1.55555.7") => true
                "foo" in PeerExtList("1.3.6.1.4.1.55555.99") => false
                "hello comment" in PeerExtList("nsComment") => true
                "hello comment" in PeerExtList("2.16.840.1.113730.1.13") => true
                "CA:FALSE" in PeerExtList("basicConstraints") => true
                "CA:TRUE" in PeerExtList("basicConstraints") => false
                "foo" in PeerExtList("%{HTTP_X_OID}") => true
                """)
        void readsTheClientCertificatesExtensionValuesAsModSslRendersThem(String expression, boolean expected) {
            assertThat(eval(expression, Map.of("HTTP_X_OID", ARC + "1"))).as(expression).isEqualTo(expected);
        }

        @Test
        void withoutAClientCertificateTheListIsEmpty() {
            assertThat(SslExpression.parse("\"foo\" in PeerExtList(\"1.3.6.1.4.1.55555.1\")").evaluate(REQUEST::get)).isFalse();
        }

        @Test
        void anExtensionOpenSslPrintsInItsOwnFormIsRefused() {
            assertThatThrownBy(() -> SslExpression.parse("\"Digital Signature\" in PeerExtList(\"2.5.29.15\")"))
                    .hasMessage("Expression \"\"Digital Signature\" in PeerExtList(\"2.5.29.15\")\" cannot be parsed at position"
                            + " 24: PeerExtList(\"2.5.29.15\"): extension 2.5.29.15 is one OpenSSL prints in its own text form, which"
                            + " is not reproduced here; PeerExtList supports basicConstraints, the Netscape string extensions and"
                            + " any other extension whose value is a UTF8String, IA5String, VisibleString or BMPString.");
        }

        @Test
        void aNameThatIsNoOidIsRefused() {
            assertThatThrownBy(() -> SslExpression.parse("\"x\" in PeerExtList(\"keyUsage\")"))
                    .hasMessage("Expression \"\"x\" in PeerExtList(\"keyUsage\")\" cannot be parsed at position 8:"
                            + " PeerExtList(\"keyUsage\"): 'keyUsage' is neither a dotted OID such as \"1.2.3.4\" nor"
                            + " basicConstraints or nsComment.");
        }

        @Test
        void itIsAListNotAWord() {
            assertThatThrownBy(() -> SslExpression.parse("PeerExtList(\"1.2.3.4\") == \"foo\""))
                    .hasMessage("Expression \"PeerExtList(\"1.2.3.4\") == \"foo\"\" cannot be parsed at position 1:"
                            + " PeerExtList(...) is a list; write it after 'in', e.g. \"foo\" in PeerExtList(\"1.2.3.4\").");
        }

        @Test
        void onlyPeerExtListIsAListFunction() {
            assertThatThrownBy(() -> SslExpression.parse("\"x\" in file(\"/tmp/list\")"))
                    .hasMessage("Expression \"\"x\" in file(\"/tmp/list\")\" cannot be parsed at position 8: 'in' takes"
                            + " {\"a\", \"b\"} or PeerExtList(\"oid\"), not file(...).");
        }
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
                            + " (==, !=, <, <=, >, >=, =~, !~, in, -eq, -ipmatch, -strmatch, ...) but found '\"SUCCESS\"'.");
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
                            + " {\"a\", \"b\"} or PeerExtList(\"1.2.3.4\").");
        }
    }
}
