package io.tlsconnector.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tlsconnector.testing.ExternalTool;

/**
 * Differential test: every expansion must equal, suite for suite and in order, what the real
 * {@code openssl ciphers -stdname -tls1_2 'STRING'} of OpenSSL 3.0 prints for TLS 1.2 (F27).
 * Nothing of openssl's output is committed; it is asked at test time.
 */
class CipherStringOpenSslTest {

    /** The table and rules are OpenSSL 3.0's (3.2 changed CCM8's strength); another version would differ on purpose. */
    @BeforeAll
    static void opensslIs30() {
        String version = ExternalTool.run("openssl", "version").stdout();
        String reason = "these expansions model OpenSSL 3.0, but `openssl version` says: " + version.trim();
        if (!version.startsWith("OpenSSL 3.0.")) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
    }

    /** Strings as operators write them: every operator, combinations, DEFAULT, @STRENGTH, @SECLEVEL, Suite B. */
    static Stream<String> configStrings() {
        return Stream.of(
                "HIGH:!aNULL:!MD5",
                "DEFAULT",
                "DEFAULT:!RSA",
                "DEFAULTaRSA",
                "ALL",
                "ALL:COMPLEMENTOFALL",
                "ALL:@STRENGTH",
                "ALL:COMPLEMENTOFALL:@STRENGTH",
                "COMPLEMENTOFDEFAULT",
                "ALL:!COMPLEMENTOFDEFAULT",
                "ECDHE+AESGCM:@STRENGTH",
                "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aNULL",
                "EECDH+AESGCM:EDH+AESGCM",
                "kEECDH+ECDSA:kEDH+aRSA:!SHA1",
                "HIGH:MEDIUM:!aNULL:!MD5:!RC4:!3DES",
                "HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA",
                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
                        + "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                        + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
                "AES128-SHA:AES256-SHA:@STRENGTH",
                "ALL:-AES128:AES128",
                "ALL:!AES128:AES128",
                "ALL:+RSA",
                "ALL:+kRSA:+SHA1",
                "HIGH:-SHA1:+SHA1",
                "aRSA+AES256:aECDSA+AES256",
                "kRSA+AESGCM+AES256",
                "AESGCM+AES128+HIGH",
                "ECDHE+ECDSA+AES128+SHA256",
                "TLSv1.2+HIGH:!aNULL",
                "TLSv1.0:!aNULL",
                "SSLv3:!aNULL:!eNULL",
                "TLSv1:TLSv1.2",
                "SHA256+TLSv1.2:SHA384",
                "FIPS",
                "FIPS:!aNULL:!eNULL",
                "HIGH+FIPS",
                "eNULL",
                "NULL:!aNULL",
                "aNULL",
                "ADH:AECDH",
                "PSK",
                "kPSK:kECDHEPSK:kDHEPSK:kRSAPSK",
                "aPSK+AESCCM",
                "SRP:kSRP:aSRP",
                "!DSS:!aRSA:SRP",
                "SRP:ECDHE+AESGCM",
                "HIGH:!aNULL:SRP:!DSS",
                "aSRP:kSRP+aRSA",
                "SUITEB128",
                "SUITEB128ONLY",
                "SUITEB128C2",
                "SUITEB192",
                "HIGH:@SECLEVEL=3",
                "@SECLEVEL=0:ALL",
                "CAMELLIA:CAMELLIA128:CAMELLIA256",
                "ARIA:ARIA128:ARIA256:ARIAGCM",
                "AESCCM:AESCCM8",
                "AES:!AESGCM:!AESCCM",
                "CHACHA20:+kDHE",
                "CBC:!kRSA",
                "MD5:SHA:SHA1",
                "3DES:DES:RC4:SEED:IDEA:RC2:GOST:HIGH",
                "LOW:MEDIUM:HIGH",
                "DSS:aDSS",
                "DH:ECDH:!ADH:!AECDH",
                "HIGH;!aNULL,!MD5 !SHA1",
                "HIGH!aNULL",
                "AESGCM+kECDHE-AES128:ECDHE-ECDSA-AES128-SHA-ECDHE",
                "HIGH:NOT-A-CIPHER:!aNULL",
                "NOT-A-CIPHER",
                "kRSA+kECDHE",
                "EDH-RSA-DES-CBC3-SHA:HIGH",
                "HIGH:+AES256:+CAMELLIA:+ARIA:@STRENGTH:+aECDSA",
                "ALL:!ECDH:ECDHE-RSA-AES128-SHA:-ECDHE-RSA-AES128-SHA:+ECDHE-ECDSA-AES128-SHA");
    }

    /** Each alias alone, removed from ALL, and moved to the end of ALL. */
    static Stream<String> everyAlias() {
        List<String> strings = new ArrayList<>();
        for (String alias : CipherRules.ALIASES.keySet().stream().sorted().toList()) {
            strings.add(alias);
            strings.add("ALL:COMPLEMENTOFALL:!" + alias);
            strings.add("ALL:-" + alias + ":+" + alias);
        }
        return strings.stream();
    }

    /** Strings OpenSSL refuses as a whole ("invalid command"). */
    static Stream<String> invalidStrings() {
        return Stream.of("HIGH:+", "HIGH/x", "ALL:@SECLEVEL=9", "@FOO", "HIGH:!", "ALL:@STRENGTHS");
    }

    @Nested
    class ConfigurationStrings {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.cipher.CipherStringOpenSslTest#configStrings")
        void expandLikeOpenSsl(String spec) {
            assertSameAsOpenSsl(spec);
        }
    }

    @Nested
    class EveryAlias {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.cipher.CipherStringOpenSslTest#everyAlias")
        void expandsLikeOpenSsl(String spec) {
            assertSameAsOpenSsl(spec);
        }
    }

    @Nested
    class InvalidStrings {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.cipher.CipherStringOpenSslTest#invalidStrings")
        void areRefusedLikeOpenSslRefusesThem(String spec) {
            assertSameAsOpenSsl(spec);
        }
    }

    @Nested
    class EverySuiteByName {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tlsconnector.cipher.CipherStringOpenSslTest#everySuite")
        void expandsToItselfAndIsDescribedAsOpenSslDescribesIt(String name) {
            assertSameAsOpenSsl(name);
            ExternalTool.Result openssl = ExternalTool.run(Duration.ofSeconds(20), List.of("openssl", "ciphers", "-v", name));
            String line = openssl.stdout().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            assertThat(CipherString.suite(name).orElseThrow().description()).isEqualTo(line.stripTrailing());
        }
    }

    static Stream<String> everySuite() {
        return CipherString.knownSuites().stream().map(CipherSuite::openSslName);
    }

    private static void assertSameAsOpenSsl(String spec) {
        ExternalTool.Result openssl = ExternalTool.run(Duration.ofSeconds(20),
                List.of("openssl", "ciphers", "-stdname", "-tls1_2", spec));
        List<String> expected = openssl.exitCode() != 0 ? List.of() : openssl.stdout().lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+"))
                .filter(f -> !f[3].equals("TLSv1.3"))
                .map(f -> f[0])
                .toList();
        List<String> actual;
        try {
            actual = CipherString.parse(spec).ianaNames();
        } catch (IllegalArgumentException e) {
            assertThat(openssl.exitCode()).as("we refused \"%s\" (%s), openssl printed:%n%s", spec, e.getMessage(), openssl.all())
                    .isNotZero();
            return;
        }
        assertThat(actual).as("expansion of \"%s\"; openssl said:%n%s", spec, openssl.all()).containsExactlyElementsOf(expected);
        if (openssl.exitCode() != 0) {
            assertThat(openssl.stderr()).as("openssl refuses only an empty list when we accept the syntax").contains("no cipher match");
        }
    }
}
