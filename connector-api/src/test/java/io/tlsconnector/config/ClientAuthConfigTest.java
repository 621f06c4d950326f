package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.testing.TestPki;

/** SSLVerifyClient, SSLCACertificateFile and SSLOptions on a virtual host. */
class ClientAuthConfigTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Issued www;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        www = pki.issueServer("www.example.test", "www.example.test");
    }

    private static VirtualHost.Builder host() {
        return VirtualHost.builder("www.example.test").certificate(CertificateSource.of(www.privateKey(), www.fullChain()));
    }

    private static SSLEngine engine(VirtualHost host) {
        try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host).build())) {
            return runtime.defaultHost().newEngine(null, -1);
        }
    }

    @Nested
    class Shape {
        @Test
        void verifyClientWithoutACaFileIsRefusedWithTheFix() {
            assertThatThrownBy(() -> host().verifyClient(VerifyClient.OPTIONAL).build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'www.example.test', verifyClient: is OPTIONAL but neither "
                            + "caCertificateFile nor caCertificatePath names the CAs client certificates are checked against. Fix: add "
                            + "caCertificateFile(Path.of(\"clients-ca.pem\")) or caCertificatePath(dir), or leave verifyClient at NONE.");
        }

        @Test
        void aRevocationCheckWithoutCrlsAndANegativeDepthAreRefusedWithTheFix() {
            assertThatThrownBy(() -> host().verifyClient(VerifyClient.REQUIRE).caCertificateFile(dir.resolve("ca.pem"))
                    .verifyDepth(-1).clientAuth(ClientAuth.DEFAULT.withVerifyDepth(-1).withRevocationCheck(RevocationCheck.parse("leaf")))
                    .build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("virtual host 'www.example.test', verifyDepth: is -1, but a depth counts issuers and"
                            + " cannot be negative. Fix: use 0 (trusted self-signed certificates only), 1 (mod_ssl's default) or more.")
                    .hasMessageContaining("virtual host 'www.example.test', caRevocationCheck leaf: asks for CRL checks, but neither"
                            + " caRevocationFile nor caRevocationPath is configured. Fix: add caRevocationFile(Path.of(\"crl.pem\"))"
                            + " or caRevocationPath(dir), or use RevocationCheck.NONE.");
        }

        @Test
        void aCaDirectoryAloneIsEnoughTrustForVerifyClient() {
            VirtualHost host = host().verifyClient(VerifyClient.REQUIRE).caCertificatePath(dir).build();
            assertThat(host.clientAuth().caCertificatePath()).isEqualTo(dir);
            assertThat(host.clientAuth().verifyDepth()).isEqualTo(1);
        }

        @Test
        void optionsAndVerifySettingsSurviveToBuilder() {
            Path ca = dir.resolve("ca.pem");
            VirtualHost host = host().options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA)
                    .verifyClient(VerifyClient.REQUIRE).caCertificateFile(ca).build();
            VirtualHost copy = host.toBuilder().build();
            assertThat(copy.options()).containsExactly(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA);
            assertThat(copy.verifyClient()).isEqualTo(VerifyClient.REQUIRE);
            assertThat(copy.caCertificateFile()).isEqualTo(ca);
            assertThat(host().build().options()).isEmpty();
            assertThat(host().build().verifyClient()).isEqualTo(VerifyClient.NONE);
        }
    }

    @Nested
    class ModSslSyntax {
        @Test
        void sslOptionsAreReadAsHttpdWritesThem() {
            assertThat(SslOption.parse("+StdEnvVars +exportcertdata")).containsExactly(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA);
            assertThat(SslOption.parse("LegacyDNStringFormat +StdEnvVars -StdEnvVars")).containsExactly(SslOption.LEGACY_DN_STRING_FORMAT);
        }

        @Test
        void anOptionThisLibraryDoesNotImplementIsNamed() {
            assertThatThrownBy(() -> SslOption.parse("+StdEnvVars +OptRenegotiate"))
                    .hasMessage("SSLOptions 'OptRenegotiate' is not supported; supported are StdEnvVars, ExportCertData, "
                            + "LegacyDNStringFormat, FakeBasicAuth and StrictRequire");
        }

        @Test
        void fakeBasicAuthAndStrictRequireAreRead() {
            assertThat(SslOption.parse("+FakeBasicAuth +strictrequire")).containsExactly(SslOption.FAKE_BASIC_AUTH,
                    SslOption.STRICT_REQUIRE);
        }

        @Test
        void sslCaRevocationCheckModesAndTheFlagAreRead() {
            assertThat(RevocationCheck.parse("chain")).isEqualTo(new RevocationCheck(RevocationCheck.Mode.CHAIN, false));
            assertThat(RevocationCheck.parse("Leaf no_crl_for_cert_ok")).isEqualTo(new RevocationCheck(RevocationCheck.Mode.LEAF, true));
            assertThat(RevocationCheck.parse("none")).isEqualTo(RevocationCheck.NONE);
            assertThatThrownBy(() -> RevocationCheck.parse("all"))
                    .hasMessage("SSLCARevocationCheck 'all' is unknown; use chain, leaf or none, optionally followed by no_crl_for_cert_ok");
            assertThatThrownBy(() -> RevocationCheck.parse("chain no_ocsp"))
                    .hasMessage("SSLCARevocationCheck flag 'no_ocsp' is unknown; the only flag is no_crl_for_cert_ok");
        }

        @Test
        void sslVerifyClientLevelsAndAliasesAreRead() {
            assertThat(VerifyClient.parse("optional_no_ca")).isEqualTo(VerifyClient.OPTIONAL_NO_CA);
            assertThat(VerifyClient.parse("on")).isEqualTo(VerifyClient.REQUIRE);
            assertThat(VerifyClient.parse(" OFF ")).isEqualTo(VerifyClient.NONE);
            assertThatThrownBy(() -> VerifyClient.parse("sometimes"))
                    .hasMessage("SSLVerifyClient 'sometimes' is unknown; use none, optional, require or optional_no_ca");
        }
    }

    @Nested
    class Loading {
        @Test
        void aMissingCaFileIsNamedWithTheReason() {
            Path missing = dir.resolve("no-such-ca.pem");
            VirtualHost host = host().verifyClient(VerifyClient.REQUIRE).caCertificateFile(missing).build();
            assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host).build()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("virtual host 'www.example.test', caCertificateFile " + missing + ": cannot be read")
                    .hasMessageContaining("Fix: check that the file exists");
        }

        @Test
        void aCaFileWithoutCertificatesIsRefused() {
            Path empty = TestPki.write(dir.resolve("empty.pem"), "");
            VirtualHost host = host().verifyClient(VerifyClient.OPTIONAL).caCertificateFile(empty).build();
            assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host).build()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("caCertificateFile " + empty + ": holds no certificate");
        }

        @Test
        void caNamesRequestedComeFromTheCaDnRequestFileWhenOneIsSet() {
            Path ca = TestPki.write(dir.resolve("ca.pem"), TestPki.pem(pki.rootCertificate()));
            Path names = TestPki.write(dir.resolve("names.pem"), TestPki.pem(pki.intermediateCertificate()));
            VirtualHost plain = host().verifyClient(VerifyClient.REQUIRE).caCertificateFile(ca).build();
            VirtualHost named = plain.toBuilder().clientAuth(ClientAuth.DEFAULT.withCaDnRequestFile(names)).build();
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(plain).build())) {
                assertThat(runtime.defaultHost().clientVerifier().acceptedIssuers()).containsExactly(pki.rootCertificate());
            }
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(named).build())) {
                assertThat(runtime.defaultHost().clientVerifier().acceptedIssuers()).containsExactly(pki.intermediateCertificate());
                assertThat(runtime.defaultHost().clientCaCertificates()).containsExactly(pki.rootCertificate());
            }
        }

        @Test
        void aCaDirectoryThatIsNotADirectoryIsNamed() {
            Path file = TestPki.write(dir.resolve("not-a-dir.pem"), TestPki.pem(pki.rootCertificate()));
            VirtualHost host = host().verifyClient(VerifyClient.REQUIRE).caCertificatePath(file).build();
            assertThatThrownBy(() -> TlsRuntime.start(TlsConfig.builder().virtualHost(host).build()))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'www.example.test', caCertificatePath " + file
                            + ": is not a directory. Fix: name the directory holding the PEM files.");
        }

        @Test
        void requireAndOptionalSetNeedAndWantClientAuthOnEveryEngine() {
            Path ca = TestPki.write(dir.resolve("ca.pem"), TestPki.pem(pki.rootCertificate()));
            SSLEngine required = engine(host().verifyClient(VerifyClient.REQUIRE).caCertificateFile(ca).build());
            SSLEngine optional = engine(host().verifyClient(VerifyClient.OPTIONAL_NO_CA).caCertificateFile(ca).build());
            SSLEngine none = engine(host().build());
            assertThat(required.getNeedClientAuth()).isTrue();
            assertThat(optional.getWantClientAuth()).isTrue();
            assertThat(none.getNeedClientAuth() || none.getWantClientAuth()).isFalse();
        }
    }
}
