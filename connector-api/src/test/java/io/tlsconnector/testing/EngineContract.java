package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.handler.ssl.OpenSsl;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.TlsConfig;

/**
 * A contract suite that runs once per engine, on the container its subclass names: first as a user
 * gets it by default ({@link Engine#BORINGSSL}; a host whose settings need JSSE still falls back, as
 * it would for the user), then with {@code TlsConfig.builder().engine(Engine.JSSE)}. Subclasses build
 * every configuration through {@link #tlsConfig()} or {@link #onEngine(TlsConfig)} and start their
 * servers in {@code @BeforeParameterizedClassInvocation} methods (JUnit's {@code @BeforeAll} runs once
 * for both engines). Fields keep their values from one engine's run to the next: reset them there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "on {0}")
@EnumSource(value = Engine.class, names = {"BORINGSSL", "JSSE"})
public abstract class EngineContract {
    /** The engine this run of the contract is about. */
    @Parameter
    protected Engine engine;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void engineCanRun() {
        if (engine == Engine.BORINGSSL && !OpenSsl.isAvailable()) {
            String reason = "the BoringSSL engine cannot load here: " + OpenSsl.unavailabilityCause();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            assumeTrue(false, reason);
        }
    }

    /** A configuration builder for the engine under test. */
    protected TlsConfig.Builder tlsConfig() {
        return engine == Engine.JSSE ? TlsConfig.builder().engine(Engine.JSSE) : TlsConfig.builder();
    }

    /** {@code config} as the engine under test serves it (e.g. one read from an httpd.conf). */
    protected TlsConfig onEngine(TlsConfig config) {
        return engine == Engine.JSSE ? config.toBuilder().engine(Engine.JSSE).build() : config;
    }

    /** What {@code SSL_VERSION_LIBRARY} starts with on the engine under test. */
    protected String libraryPrefix() {
        return engine == Engine.BORINGSSL ? "BoringSSL/" : "SunJSSE/";
    }
}
