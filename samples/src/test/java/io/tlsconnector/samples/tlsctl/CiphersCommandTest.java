package io.tlsconnector.samples.tlsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tlsconnector.samples.Main;
import io.tlsconnector.testing.ExternalTool;
import picocli.CommandLine;

/** {@code tlsctl ciphers}: the expansion as openssl ciphers prints it (F27). */
class CiphersCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run tlsctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "tlsctl";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> opensslTls12(String spec) {
        ExternalTool.Result openssl = ExternalTool.run(Duration.ofSeconds(20), List.of("openssl", "ciphers", "-stdname", "-tls1_2", spec));
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
        return openssl.stdout().lines().map(l -> l.trim().split("\\s+")).filter(f -> !f[3].equals("TLSv1.3")).map(f -> f[0]).toList();
    }

    @Nested
    class Iana {
        @Test
        void printsTheSameTls12ListAsOpenSsl() {
            Run run = tlsctl("ciphers", "--iana", "HIGH:!aNULL:!MD5");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().lines().toList()).isEqualTo(opensslTls12("HIGH:!aNULL:!MD5")).hasSizeGreaterThan(100);
        }
    }

    @Nested
    class Verbose {
        @Test
        void describesEachSuiteLikeOpenSslAndSaysWhetherTheProviderHasIt() {
            Run run = tlsctl("ciphers", "-v", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-ARIA128-GCM-SHA256");
            assertThat(run.out().lines().toList()).containsExactly(
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256        - ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     "
                            + "Au=ECDSA Enc=AESGCM(128)            Mac=AEAD SunJSSE=yes",
                    "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256       - ECDHE-ECDSA-ARIA128-GCM-SHA256 TLSv1.2 Kx=ECDH     "
                            + "Au=ECDSA Enc=ARIAGCM(128)           Mac=AEAD SunJSSE=no");
        }
    }

    @Nested
    class Plain {
        @Test
        void printsOpenSslAndIanaNamesOneSuiteALine() {
            Run run = tlsctl("ciphers", "SUITEB128");
            assertThat(run.out().lines().toList()).containsExactly(
                    "ECDHE-ECDSA-AES128-GCM-SHA256   TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "ECDHE-ECDSA-AES256-GCM-SHA384   TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        }

        @Test
        void aStringSelectingNothingFailsLikeOpenSsl() {
            Run run = tlsctl("ciphers", "RC4:nonsense");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("tlsctl ciphers: 'nonsense' names no suite or alias; OpenSSL skips it silently"
                    + System.lineSeparator() + "tlsctl ciphers: \"RC4:nonsense\" selects no TLS 1.2 cipher suite "
                    + "(OpenSSL: no cipher match)" + System.lineSeparator());
        }

        @Test
        void aSyntaxErrorIsExplained() {
            Run run = tlsctl("ciphers", "HIGH:+");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("tlsctl ciphers: cipher string \"HIGH:+\" has an unexpected end of the string at position 7");
        }
    }
}
