package io.tlsconnector.testing;

import jakarta.servlet.Filter;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.http.HttpsRedirect;

/**
 * The seam between the shared {@link ContainerContract} and one adapter: starts that container on
 * 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet} at {@code /}.
 */
public interface ContainerUnderTest {
    /** For test messages, e.g. {@code JettyContainer}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * What some scenarios add to the plain set-up.
     *
     * @param redirect a plain HTTP connector redirecting to HTTPS, or null for none
     * @param filter   a servlet filter mapped to {@code /*} in front of the servlet, or null for none
     */
    record Extras(HttpsRedirect redirect, Filter filter) {
        public static final Extras NONE = new Extras(null, null);
    }

    /** Serves {@code runtime}, which the caller closes. */
    default Running start(TlsRuntime runtime) throws Exception {
        return launch(runtime, null, Extras.NONE);
    }

    /** Serves {@code runtime} with the {@code extras}; the caller closes the runtime. */
    default Running start(TlsRuntime runtime, Extras extras) throws Exception {
        return launch(runtime, null, extras);
    }

    /**
     * Lets the connector start and own a runtime for {@code config}; a broken configuration makes this
     * throw with the {@link io.tlsconnector.TlsConfigException} as the exception or among its causes.
     */
    default Running startOwning(TlsConfig config) throws Exception {
        return launch(null, config, Extras.NONE);
    }

    /**
     * Starts the container with a connector for {@code runtime}, or else one that owns a runtime for
     * {@code config}, plus the {@code extras}.
     */
    Running launch(TlsRuntime runtime, TlsConfig config, Extras extras) throws Exception;

    /** A started container. */
    interface Running extends AutoCloseable {
        /** The TLS port. */
        int port();

        /** The plain HTTP port of the redirect connector. */
        default int httpPort() {
            throw new IllegalStateException("this container was started without an HTTP redirect connector");
        }

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
        return started(start, stop, port, () -> {
            throw new IllegalStateException("this container was started without an HTTP redirect connector");
        });
    }

    /** As {@link #started(Step, Step, java.util.function.IntSupplier)}, with the redirect connector's port. */
    static Running started(Step start, Step stop, java.util.function.IntSupplier port, java.util.function.IntSupplier httpPort)
            throws Exception {
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
            public int httpPort() {
                return httpPort.getAsInt();
            }

            @Override
            public void close() throws Exception {
                stop.run();
            }
        };
    }

    /** Closes each of {@code resources} that is not null, in order, even when an earlier one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
