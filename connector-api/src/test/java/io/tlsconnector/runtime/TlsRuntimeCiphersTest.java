package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.DhParameters;
import io.tlsconnector.testing.LogCapture;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.TlsConfigException;

/** What start-up makes of a host's cipher settings: provider narrowing, key types (F29), DH parameters (F36). */
class TlsRuntimeCiphersTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued ecdsa;
    static TestPki.Issued rsa;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        ecdsa = pki.issueServer("ecdsa.test", "ecdsa.test");
        rsa = pki.issueServerRsa("rsa.test", "rsa.test");
    }

    static TlsRuntime start(VirtualHost... hosts) {
        TlsConfig.Builder config = TlsConfig.builder();
        for (VirtualHost host : hosts) {
            config.virtualHost(host);
        }
        return TlsRuntime.start(config.build());
    }

    static VirtualHost.Builder ecdsaHost() {
        return VirtualHost.builder("ecdsa.test").certificate(CertificateSource.of(ecdsa.privateKey(), ecdsa.fullChain()));
    }

    @Nested
    class ProviderNarrowing {
        @Test
        void suitesTheProviderLacksAreLeftOutInOpenSslOrder() throws Exception {
            try (TlsRuntime runtime = start(ecdsaHost().cipherSuite("HIGH:!aNULL:!MD5").build())) {
                List<String> enabled = runtime.defaultHost().enabledCipherSuites();
                List<String> jsse = List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
                assertThat(jsse).containsAll(enabled);
                assertThat(enabled).startsWith("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
                assertThat(enabled).noneMatch(s -> s.contains("ARIA") || s.contains("PSK") || s.contains("CAMELLIA"));
            }
        }

        @Test
        void honorCipherOrderReachesTheEngine() {
            try (TlsRuntime runtime = start(ecdsaHost().honorCipherOrder(false).build())) {
                SSLEngine engine = runtime.defaultHost().newEngine(null, -1);
                assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isFalse();
            }
        }
    }

    @Nested
    class KeyTypeMismatch {
        @Test
        void anEcdsaHostWithOnlyRsaSuitesIsRefusedNamingTheMismatch() {
            assertThatThrownBy(() -> start(ecdsaHost().cipherSuite("aRSA+AESGCM").build()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'ecdsa.test', cipherSuite \"aRSA+AESGCM\": leaves no "
                            + "TLS 1.2 suite usable with the host's EC certificate: every suite it enables needs a certificate "
                            + "with a RSA key (e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_DHE_RSA_WITH_AES_256_GCM_SHA384), "
                            + "so TLS 1.2 clients would fail with \"no shared cipher\" (F29). Fix: add suites for EC keys (e.g. "
                            + "ECDHE-ECDSA-AES128-GCM-SHA256 or aECDSA), add a certificate with a RSA key, or drop TLS 1.2 "
                            + "(protocols is [TLSv1.2, TLSv1.3]).");
        }

        @Test
        void aTls13OnlyHostIsNotCheckedForTls12Suites() {
            try (TlsRuntime runtime = start(ecdsaHost().protocols("TLSv1.3").cipherSuite("aRSA+AESGCM").build())) {
                assertThat(runtime.defaultHost().enabledCipherSuites()).contains("TLS_AES_128_GCM_SHA256");
            }
        }

        @Test
        void aSecondCertificateOfTheNeededTypeMakesTheHostUsable() {
            try (TlsRuntime runtime = start(ecdsaHost().cipherSuite("aRSA+AESGCM")
                    .certificate(CertificateSource.of(rsa.privateKey(), rsa.fullChain())).build())) {
                assertThat(runtime.defaultHost().enabledCipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            }
        }
    }

    @Nested
    class DhParameterFiles {
        @AfterEach
        void forgetProperty() {
            java.security.Security.setProperty(DhParameters.PROPERTY, "");
        }

        @Test
        void aDhParametersFileSetsJssesProcessWideProperty() {
            Path file = writeDh("own.pem", DHStandardGroups.rfc7919_ffdhe2048);
            try (TlsRuntime ignored = start(ecdsaHost().dhParameters(file).build())) {
                assertThat(java.security.Security.getProperty(DhParameters.PROPERTY)).isEqualTo(expected(DHStandardGroups.rfc7919_ffdhe2048));
            }
        }

        @Test
        void aBlockAppendedToTheCertificateFileIsReadAsModSslReadsIt() throws IOException {
            Path cert = rsa.writeFullChain(dir, "rsa-with-dh");
            Files.writeString(cert, pem(DHStandardGroups.rfc3526_2048), StandardOpenOption.APPEND);
            VirtualHost host = VirtualHost.builder("rsa.test").certificate(CertificateSource.pem(cert, rsa.writeKey(dir, "rsa"))).build();
            try (TlsRuntime runtime = start(host)) {
                assertThat(java.security.Security.getProperty(DhParameters.PROPERTY)).isEqualTo(expected(DHStandardGroups.rfc3526_2048));
                assertThat(runtime.defaultHost().leafCertificates()).containsExactly(rsa.certificate());
            }
        }

        @Test
        void hostsWithDifferentParametersAreAnErrorBecauseJssesAreProcessWide() {
            Path a = writeDh("a.pem", DHStandardGroups.rfc7919_ffdhe2048);
            Path b = writeDh("b.pem", DHStandardGroups.rfc3526_2048);
            assertThatThrownBy(() -> start(ecdsaHost().dhParameters(a).build(),
                    VirtualHost.builder("rsa.test").certificate(CertificateSource.of(rsa.privateKey(), rsa.fullChain()))
                            .dhParameters(b).build()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: DH parameters: virtual hosts ['ecdsa.test' (" + a + ", 2048 bits), "
                            + "'rsa.test' (" + b + ", 2048 bits)] have different DH parameters, but JSSE's are process-wide "
                            + "(security property jdk.tls.server.defaultDHEParameters), so they cannot each get their own (F36). "
                            + "Fix: give every virtual host the same DH PARAMETERS block, or remove all but one.");
        }

        @Test
        void parametersSetOutsideTheLibraryAreNotOverwritten() {
            java.security.Security.setProperty(DhParameters.PROPERTY, expected(DHStandardGroups.rfc3526_3072));
            Path file = writeDh("mine.pem", DHStandardGroups.rfc7919_ffdhe2048);
            assertThatThrownBy(() -> start(ecdsaHost().dhParameters(file).build()))
                    .hasMessage("TLS configuration problem: DH parameters: " + file + " holds DH parameters, but the system "
                            + "property jdk.tls.server.defaultDHEParameters (security property) is already set to other ones, and JSSE's are "
                            + "process-wide (F36). Fix: remove jdk.tls.server.defaultDHEParameters from java.security (or -Djava.security.properties) or "
                            + "the DH PARAMETERS block from " + file + ".");
        }

        @Test
        void aPrimeJsseWouldRefuseIsNamedWithItsSize() {
            Path file = writeDh("small.pem", DHStandardGroups.rfc2409_768);
            assertThatThrownBy(() -> start(ecdsaHost().dhParameters(file).build()))
                    .hasMessage("TLS configuration problem: virtual host 'ecdsa.test', " + file + ": its DH prime has 768 bits; "
                            + "JSSE takes 1024 to 8192 bits in steps of 64. Fix: generate parameters with `openssl dhparam 2048` "
                            + "(or use ECDHE suites, which need none).");
        }

        @Test
        void a1024BitPrimeIsUsedWithAWarning() throws Exception {
            Path file = writeDh("weak.pem", DHStandardGroups.rfc2409_1024);
            try (LogCapture log = LogCapture.start(); TlsRuntime ignored = start(ecdsaHost().dhParameters(file).build())) {
                assertThat(log.text()).contains("WARN io.tlsconnector.internal.engine.DhParameters - DH parameters from " + file
                        + " have only 1024 bits; use 2048 or more (Logjam)");
                assertThat(java.security.Security.getProperty(DhParameters.PROPERTY)).isEqualTo(expected(DHStandardGroups.rfc2409_1024));
            }
        }

        @Test
        void aFileWithoutTheBlockIsNamed() {
            Path file = TestPki.write(dir.resolve("empty-dh.pem"), "nothing here\n");
            assertThatThrownBy(() -> start(ecdsaHost().dhParameters(file).build()))
                    .hasMessage("TLS configuration problem: virtual host 'ecdsa.test', " + file + ": has no -----BEGIN DH "
                            + "PARAMETERS----- block. Fix: write one with `openssl dhparam -out " + file + " 2048`, or drop "
                            + "dhParameters(...).");
        }
    }

    static Path writeDh(String name, DHParameters group) {
        return TestPki.write(dir.resolve(name), pem(group));
    }

    static String pem(DHParameters group) {
        try {
            byte[] der = new DHParameter(group.getP(), group.getG(), 0).getEncoded();
            return "-----BEGIN DH PARAMETERS-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END DH PARAMETERS-----\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expected(DHParameters group) {
        return "{" + group.getP().toString(16).toUpperCase() + "," + group.getG().toString(16).toUpperCase() + "}";
    }

}
