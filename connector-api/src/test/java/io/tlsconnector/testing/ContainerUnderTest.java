package io.tlsconnector.testing;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;

/**
 * The seam between the shared {@link ContainerContract} and one adapter: starts that container on
 * 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet} at {@code /}.
 */
public interface ContainerUnderTest {
    /** For test messages, e.g. {@code JettyContainer}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Serves {@code runtime}, which the caller closes. */
    default Running start(TlsRuntime runtime) throws Exception {
        return launch(runtime, null);
    }

    /**
     * Lets the connector start and own a runtime for {@code config}; a broken configuration makes this
     * throw with the {@link io.tlsconnector.TlsConfigException} as the exception or among its causes.
     */
    default Running startOwning(TlsConfig config) throws Exception {
        return launch(null, config);
    }

    /** Starts the container with a connector for {@code runtime}, or else one that owns a runtime for {@code config}. */
    Running launch(TlsRuntime runtime, TlsConfig config) throws Exception;

    /** A started container. */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    /** A step that may fail, such as starting or stopping a server. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code start}; when it fails, runs {@code stop} (a half-started server still holds threads
     * and ports) and rethrows. {@code port} is asked after the start.
     */
    static Running started(Step start, Step stop, java.util.function.IntSupplier port) throws Exception {
        try {
            start.run();
        } catch (Exception e) {
            stop.run();
            throw e;
        }
        return new Running() {
            @Override
            public int port() {
                return port.getAsInt();
            }

            @Override
            public void close() throws Exception {
                stop.run();
            }
        };
    }
}
