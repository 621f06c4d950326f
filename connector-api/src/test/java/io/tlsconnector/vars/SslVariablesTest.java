package io.tlsconnector.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.testing.CertificateBuilder;
import io.tlsconnector.testing.InMemoryHandshake;
import io.tlsconnector.testing.TestPki;

/** SslVariables of a real JSSE session: lookups, options and what is exported (F10, F32). */
class SslVariablesTest {
    static final String CN = "2.5.4.3";

    @TempDir
    static Path dir;
    static TlsRuntime runtime;
    static SslVariables variables;
    static SSLSession session;
    static LoadedHost host;

    @BeforeAll
    static void handshakeWithAClientCertificate() throws Exception {
        TestPki.Issued root = CertificateBuilder.subject().rdn(CN, new DERUTF8String("Vars Root")).certificateAuthority().issuedBy(null);
        TestPki.Issued server = CertificateBuilder.subject().rdn(CN, new DERUTF8String("www.example.test"))
                .san(new GeneralName(GeneralName.dNSName, "www.example.test")).serial(BigInteger.TEN).issuedBy(root);
        TestPki.Issued client = CertificateBuilder.subject()
                .rdn("2.5.4.11", new DERUTF8String("First")).rdn("2.5.4.11", new DERUTF8String("Second"))
                .rdn(CN, new DERUTF8String("Client")).serial(BigInteger.valueOf(0xabc)).issuedBy(root);
        runtime = TlsRuntime.start(TlsConfig.builder()
                .virtualHost(VirtualHost.builder("www.example.test")
                        .certificate(CertificateSource.of(server.privateKey(), server.fullChain()))
                        .verifyClient(VerifyClient.REQUIRE)
                        .caCertificateFile(TestPki.write(dir.resolve("root.pem"), TestPki.pem(root.certificate())))
                        .options(SslOption.STD_ENV_VARS)
                        .build())
                .build());
        host = runtime.defaultHost();
        SSLEngine serverEngine = host.newEngine(null, -1);
        SSLEngine clientEngine = InMemoryHandshake.client("www.example.test", client, root.certificate());
        InMemoryHandshake.run(clientEngine, serverEngine);
        session = serverEngine.getSession();
        variables = SslVariables.of(session, host, null, false);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Nested
    class Lookups {
        @Test
        void indexZeroNamesTheFirstOfARepeatedComponentAsInMod_sslLookups() {
            assertThat(variables.get("SSL_CLIENT_S_DN_OU_0")).contains("First");
            assertThat(variables.get("SSL_CLIENT_S_DN_OU")).contains("First");
            assertThat(variables.get("SSL_CLIENT_S_DN_OU_1")).contains("Second");
            assertThat(variables.get("SSL_CLIENT_S_DN_OU_2")).isEmpty();
        }

        @Test
        void withoutAClientHelloTheSniNameComesFromTheSession() {
            assertThat(variables.get("SSL_TLS_SNI")).contains("www.example.test");
        }

        @Test
        void theServersDaysRemainingCanBeLookedUpButAreNotExported() {
            assertThat(variables.get("SSL_SERVER_V_REMAIN")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(364, 365));
            assertThat(variables.exported()).doesNotContainKey("SSL_SERVER_V_REMAIN");
        }

        @Test
        void compressionIsReportedAsNullBecauseItIsNeverOffered() {
            assertThat(variables.get("SSL_COMPRESS_METHOD")).contains("NULL");
        }
    }

    @Nested
    class Options {
        @Test
        void theHostsOptionsDecideWhatIsExported() {
            assertThat(variables.exported()).containsEntry("SSL_CLIENT_M_SERIAL", "0ABC")
                    .containsEntry("SSL_CLIENT_VERIFY", "SUCCESS")
                    .doesNotContainKey("SSL_CLIENT_CERT");
        }

        @Test
        void withoutOptionsOnlyHttpsAndTheSniNameAreExported() {
            assertThat(variables.exported(Set.of())).containsOnlyKeys("HTTPS", "SSL_TLS_SNI");
        }

        @Test
        void exportCertDataAddsThePemCertificates() {
            assertThat(variables.exported(EnumSet.of(SslOption.EXPORT_CERT_DATA)))
                    .containsKeys("SSL_SERVER_CERT", "SSL_CLIENT_CERT").doesNotContainKey("SSL_PROTOCOL");
            assertThat(variables.all()).containsKeys("SSL_SERVER_CERT", "SSL_PROTOCOL", "SSL_SERVER_V_REMAIN");
        }

        @Test
        void withoutLegacyDnStringFormatTheFullDnsAreInReverseRfc2253Order() {
            assertThat(variables.get("SSL_CLIENT_S_DN")).contains("CN=Client,OU=Second,OU=First");
            assertThat(variables.get("SSL_CLIENT_I_DN")).contains("CN=Vars Root");
        }
    }

    /** The server certificate's variables are formatted once per certificate and kept (F25); what they say must not change. */
    @Nested
    class ServerCertificate {
        @Test
        void everySessionOfTheCertificateGetsTheSameServerVariables() {
            SslVariables again = SslVariables.of(session, host, null, false);
            assertThat(serverVariables(again)).isEqualTo(serverVariables(variables))
                    .containsEntry("SSL_SERVER_M_SERIAL", "0A")
                    .containsEntry("SSL_SERVER_S_DN_CN", "www.example.test")
                    .containsEntry("SSL_SERVER_SAN_DNS_0", "www.example.test")
                    .containsKeys("SSL_SERVER_CERT", "SSL_SERVER_I_DN", "SSL_SERVER_A_SIG");
        }

        @Test
        void theDaysRemainingCountFromEachComputationsOwnMoment() {
            Instant now = Instant.now();
            int today = Integer.parseInt(SslVariables.of(session, host, null, false, now).get("SSL_SERVER_V_REMAIN").orElseThrow());
            int later = Integer.parseInt(SslVariables.of(session, host, null, false, now.plus(Duration.ofDays(30)))
                    .get("SSL_SERVER_V_REMAIN").orElseThrow());
            assertThat(later).isEqualTo(today - 30);
            assertThat(SslVariables.of(session, host, null, false, now.plus(Duration.ofDays(400))).get("SSL_SERVER_V_REMAIN"))
                    .contains("0");
        }

        @Test
        void theLegacyDnFormatStillAppliesToAKeptCertificate() {
            SslVariables legacy = SslVariables.of(session, host, null, false, null,
                    EnumSet.of(SslOption.STD_ENV_VARS, SslOption.LEGACY_DN_STRING_FORMAT));
            assertThat(legacy.get("SSL_SERVER_S_DN")).contains("/CN=www.example.test");
            assertThat(variables.get("SSL_SERVER_S_DN")).contains("CN=www.example.test");
            assertThat(SslVariables.of(session, host, null, false).get("SSL_SERVER_S_DN")).contains("CN=www.example.test");
        }

        private static Map<String, String> serverVariables(SslVariables v) {
            return v.all().entrySet().stream().filter(e -> e.getKey().startsWith("SSL_SERVER_") && !e.getKey().equals("SSL_SERVER_V_REMAIN"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }
}
