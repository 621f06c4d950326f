package io.tlsconnector.testing;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;

/**
 * The seam between the shared {@link ContainerContract} and one adapter: starts that container on
 * 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet} at {@code /}.
 */
public interface ContainerUnderTest {
    /** For test names and messages, e.g. {@code Jetty}. */
    String name();

    /** Serves {@code runtime}, which the caller closes. */
    Running start(TlsRuntime runtime) throws Exception;

    /**
     * Lets the connector start and own a runtime for {@code config}; a broken configuration makes this
     * throw with the {@link io.tlsconnector.TlsConfigException} as the exception or among its causes.
     */
    Running startOwning(TlsConfig config) throws Exception;

    /** A started container. */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }
}
