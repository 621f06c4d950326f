package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.session.SharedStores;
import io.tlsconnector.testing.TestPki;

/** Which engine serves a virtual host, and start-up failing when the one its settings need cannot. */
class EngineChoiceTest {
    private static final String BORINGSSL = "BoringSSL (netty-tcnative)";

    @TempDir
    static Path dir;
    static TestPki.Issued www;
    static Path ticketKeys;

    @BeforeAll
    static void material() throws Exception {
        www = TestPki.create().issueServer("www.example.test", "www.example.test");
        byte[] keys = new byte[48];
        new SecureRandom().nextBytes(keys);
        ticketKeys = Files.write(dir.resolve("ticket.key"), keys);
    }

    static VirtualHost.Builder host(String name) {
        return VirtualHost.builder(name).certificate(CertificateSource.of(www.privateKey(), www.fullChain()));
    }

    @Nested
    class Choice {
        @Test
        void aHostWithoutAChoiceRunsOnBoringSslWithTicketKeysOfItsOwn() {
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host("www.example.test").build())
                    .sessionCache(SharedStores.inMemory(1 << 20, Duration.ofMinutes(5))).build())) {
                assertThat(runtime.defaultHost().engineName()).isEqualTo(BORINGSSL);
                assertThat(runtime.defaultHost().sharesTicketKeys()).isFalse();
            }
        }

        @Test
        void aTicketKeyFileOnOneHostSharesOnlyThatHostsSessions() {
            TlsConfig config = TlsConfig.builder()
                    .virtualHost(host("www.example.test").build())
                    .virtualHost(host("shared.example.test").sessionTicketKeyFile(ticketKeys).build())
                    .build();
            try (TlsRuntime runtime = TlsRuntime.start(config)) {
                assertThat(runtime.hostFor("www.example.test").engineName()).isEqualTo(BORINGSSL);
                assertThat(runtime.hostFor("www.example.test").sharesTicketKeys()).isFalse();
                assertThat(runtime.hostFor("shared.example.test").engineName()).isEqualTo(BORINGSSL);
                assertThat(runtime.hostFor("shared.example.test").sharesTicketKeys()).isTrue();
            }
        }

        @Test
        void boringSslEnginesAreCountedUntilReleasedAndReleasingTwiceIsHarmless() {
            TlsConfig config = TlsConfig.builder().virtualHost(host("www.example.test").build()).sessionTicketKeyFile(ticketKeys).build();
            try (TlsRuntime runtime = TlsRuntime.start(config)) {
                LoadedHost host = runtime.defaultHost();
                SSLEngine plain = host.newEngine(null, -1);
                SSLEngine alpn = host.newEngine("127.0.0.1", 4433, List.of("h2", "http/1.1"));
                assertThat(host.liveEngines()).isEqualTo(2);
                assertThat(LoadedHost.selectsApplicationProtocolItself(alpn)).isTrue();
                LoadedHost.release(plain);
                LoadedHost.release(plain);
                LoadedHost.release(alpn);
                assertThat(host.liveEngines()).isZero();
            }
        }

        @Test
        void jsseEnginesNeedNoRelease() {
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().engine(Engine.JSSE)
                    .virtualHost(host("www.example.test").build()).build())) {
                SSLEngine engine = runtime.defaultHost().newEngine(null, -1, List.of("h2"));
                assertThat(engine.getSSLParameters().getApplicationProtocols()).containsExactly("h2");
                assertThat(LoadedHost.selectsApplicationProtocolItself(engine)).isFalse();
                assertThat(LoadedHost.resumed(engine)).isEmpty();
                LoadedHost.release(engine);
                assertThat(runtime.defaultHost().liveEngines()).isZero();
            }
        }
    }

    @Nested
    class SessionTicketsAndSignatureAlgorithms {
        @Test
        void aHostWithSignatureAlgorithmsIsServedByJsseWhichHonoursThem() {
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().virtualHost(host("www.example.test")
                    .signatureAlgorithms("ECDSA+SHA256:rsa_pss_rsae_sha256").build()).build())) {
                assertThat(runtime.defaultHost().engineName()).isEqualTo("JSSE");
            }
        }

        @Test
        void ticketsOffStaysOnBoringSslAndLeavesTheJvmsPropertyAsItWas() {
            String before = System.getProperty("jdk.tls.server.enableSessionTicketExtension");
            for (io.tlsconnector.config.Engine engine : List.of(io.tlsconnector.config.Engine.BORINGSSL, io.tlsconnector.config.Engine.JSSE)) {
                try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder().engine(engine)
                        .virtualHost(host("www.example.test").sessionTickets(false).build()).build())) {
                    assertThat(runtime.defaultHost().engineName()).isEqualTo(engine == io.tlsconnector.config.Engine.JSSE ? "JSSE" : BORINGSSL);
                }
            }
            assertThat(System.getProperty("jdk.tls.server.enableSessionTicketExtension")).isEqualTo(before);
        }
    }

    @Nested
    class StartFails {
        @Test
        void whenBoringSslCannotServeTheHostsCipherSuitesNamingSettingAndEngine() {
            TlsConfig config = TlsConfig.builder()
                    .virtualHost(host("www.example.test").cipherSuite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256").build())
                    .sessionTicketKeyFile(ticketKeys)
                    .build();
            assertThatThrownBy(() -> TlsRuntime.start(config))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageStartingWith("TLS configuration problem: virtual host 'www.example.test', sessionTicketKeyFile "
                            + ticketKeys + ": needs the " + BORINGSSL + " engine, but cipherSuite \"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256\":"
                            + " none of its TLS 1.2 suites is implemented by BoringSSL")
                    .hasMessageContaining("Fix: add ECDHE suites with AES-GCM or ChaCha20");
        }

        @Test
        void whenAHostThatMustRunOnBoringSslNamesSignatureAlgorithms() {
            TlsConfig config = TlsConfig.builder().virtualHost(host("www.example.test").engine(io.tlsconnector.config.Engine.BORINGSSL)
                    .signatureAlgorithms("ECDSA+SHA256").build()).build();
            assertThatThrownBy(() -> TlsRuntime.start(config))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessage("TLS configuration problem: virtual host 'www.example.test', engine(BORINGSSL) on the virtual host: needs the "
                            + BORINGSSL + " engine, but signatureAlgorithms ECDSA+SHA256 (SSLOpenSSLConfCmd SignatureAlgorithms): BoringSSL in"
                            + " netty-tcnative has no setting for them, so the host would sign with algorithms it was told not to. Fix: drop"
                            + " signatureAlgorithms (SSLOpenSSLConfCmd SignatureAlgorithms), or serve the host on Engine.JSSE (without"
                            + " sessions shared across servers), which honours them.");
        }

        @Test
        void whenTheTicketKeyFileIsNotWholeKeysNamingTheFile() throws Exception {
            Path broken = Files.write(dir.resolve("short.key"), new byte[47]);
            TlsConfig config = TlsConfig.builder().virtualHost(host("www.example.test").build()).sessionTicketKeyFile(broken).build();
            assertThatThrownBy(() -> TlsRuntime.start(config))
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("virtual host 'www.example.test', sessionTicketKeyFile " + broken + ": holds 47 bytes");
        }
    }

    /** The walk over declared capabilities, with BoringSSL declared unable to load (as on a platform without its natives). */
    @Nested
    class WhenTheFirstEngineCannotLoad {
        final EngineCapabilities unloadable = new EngineCapabilities() {
            @Override
            public Engine engine() {
                return Engine.BORINGSSL;
            }

            @Override
            public Optional<String> unavailability() {
                return Optional.of("netty-tcnative's native library does not load on this platform (test)");
            }

            @Override
            public String installHint() {
                return BoringSslCapabilities.INSTANCE.installHint();
            }

            @Override
            public String fallbackCost() {
                return BoringSslCapabilities.INSTANCE.fallbackCost();
            }

            @Override
            public boolean sharesSessionsAcrossProcesses() {
                return true;
            }

            @Override
            public boolean servesSrp() {
                return false;
            }

            @Override
            public List<Limit> limits(VirtualHost host) {
                return List.of();
            }
        };
        final List<EngineCapabilities> preference = List.of(unloadable, JsseEngineFactory.CAPABILITIES);

        Engine choose(VirtualHost host, Optional<Engine> configured, SessionSettings sessions, TlsConfigException.Collector problems) {
            return EngineChoice.choose(host, configured, sessions, problems, preference);
        }

        @Test
        void aHostWithoutAChoiceFallsBackToTheNextEngineWithoutAProblem() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            assertThat(choose(host("www.example.test").build(), Optional.empty(), SessionSettings.DEFAULT, problems)).isEqualTo(Engine.JSSE);
            problems.throwIfAny();
        }

        @Test
        void aHostThatChoseItFailsNamingTheChoiceAndHowToInstallIt() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            choose(host("www.example.test").engine(Engine.BORINGSSL).build(), Optional.empty(), SessionSettings.DEFAULT, problems);
            assertThatThrownBy(problems::throwIfAny).isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("virtual host 'www.example.test', engine(BORINGSSL) on the virtual host: needs the " + BORINGSSL
                            + " engine, but netty-tcnative's native library does not load on this platform (test).")
                    .hasMessageContaining("Fix: add io.netty:netty-tcnative-boringssl-static with this platform's classifier")
                    .hasMessageEndingWith(", or choose Engine.JSSE.");
        }

        @Test
        void aHostWhoseSessionsAreSharedFailsNamingTheSharingSetting() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            SessionSettings shared = TlsConfig.builder().virtualHost(host("www.example.test").build()).sessionTicketKeyFile(ticketKeys)
                    .build().sessions();
            choose(host("www.example.test").build(), Optional.empty(), shared, problems);
            assertThatThrownBy(problems::throwIfAny).isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("sessionTicketKeyFile " + ticketKeys + ": needs the " + BORINGSSL + " engine")
                    .hasMessageEndingWith(", or keep sessions on each server.");
        }

        @Test
        void aHostThatChoseJsseWithSharedSessionsIsToldWhichEngineShares() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            SessionSettings shared = TlsConfig.builder().virtualHost(host("www.example.test").build()).sessionTicketKeyFile(ticketKeys)
                    .build().sessions();
            choose(host("www.example.test").engine(Engine.JSSE).build(), Optional.empty(), shared, problems);
            assertThatThrownBy(problems::throwIfAny).isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("chooses JSSE, which cannot share session-ticket keys")
                    .hasMessageContaining("let the host run on " + BORINGSSL + " (remove the JSSE choice)");
        }
    }
}
