package io.tlsconnector.testing;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.http.HttpsRedirect;

/**
 * The seam between the shared contract suites and one adapter: starts that container on 127.0.0.1
 * with ephemeral TLS ports, serving a test servlet at every path.
 */
public interface ContainerUnderTest {
    /** For test messages, e.g. {@code JettyContainer}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** One TLS connector: serving a started runtime (the caller closes it), or owning one for a config. */
    record Tls(TlsRuntime runtime, TlsConfig config) {
        public Tls {
            if ((runtime == null) == (config == null)) {
                throw new IllegalArgumentException("give a runtime or a config, not both");
            }
        }

        public static Tls of(TlsRuntime runtime) {
            return new Tls(Objects.requireNonNull(runtime, "runtime"), null);
        }

        public static Tls owning(TlsConfig config) {
            return new Tls(null, Objects.requireNonNull(config, "config"));
        }
    }

    /**
     * What some scenarios add to the plain set-up.
     *
     * @param redirect a plain HTTP connector redirecting to the first TLS connector, or null for none
     * @param filter   a servlet filter mapped to {@code /*} in front of the servlet, or null for none
     * @param basicAuth a security constraint with Basic authentication, or null for none
     */
    record Extras(HttpsRedirect redirect, Filter filter, BasicAuth basicAuth) {
        public static final Extras NONE = new Extras(null, null, null);

        public Extras(HttpsRedirect redirect, Filter filter) {
            this(redirect, filter, null);
        }
    }

    /**
     * A {@code security-constraint} on {@code pathSpec} (e.g. {@code /secure/*}) that admits users in
     * {@code role}, authenticated with HTTP Basic against a realm holding {@code users} (name to password),
     * each in {@code role} — what a web.xml with a login-config of BASIC sets up (F33).
     */
    record BasicAuth(String pathSpec, String role, java.util.Map<String, String> users) {
        public BasicAuth {
            users = java.util.Map.copyOf(users);
        }
    }

    /**
     * Starts the container with one TLS connector per entry of {@code connectors}, in order, serving
     * {@code servlet} at every path, plus the {@code extras}; a configuration that fails its checks
     * makes this throw with the {@link io.tlsconnector.TlsConfigException} as the exception or among
     * its causes.
     */
    Running launch(List<Tls> connectors, Class<? extends HttpServlet> servlet, Extras extras) throws Exception;

    /** Starts the container with one connector per entry, serving {@code servlet}, without extras. */
    default Running launch(List<Tls> connectors, Class<? extends HttpServlet> servlet) throws Exception {
        return launch(connectors, servlet, Extras.NONE);
    }

    /** Serves {@code runtime} (which the caller closes) with {@link AttributesServlet}. */
    default Running start(TlsRuntime runtime) throws Exception {
        return launch(List.of(Tls.of(runtime)), AttributesServlet.class, Extras.NONE);
    }

    /** Serves {@code runtime} with {@link AttributesServlet} and the {@code extras}; the caller closes the runtime. */
    default Running start(TlsRuntime runtime, Extras extras) throws Exception {
        return launch(List.of(Tls.of(runtime)), AttributesServlet.class, extras);
    }

    /** Lets the connector start and own a runtime for {@code config}, serving {@link AttributesServlet}. */
    default Running startOwning(TlsConfig config) throws Exception {
        return launch(List.of(Tls.owning(config)), AttributesServlet.class, Extras.NONE);
    }

    /** A started container. */
    interface Running extends AutoCloseable {
        /** The port of the first TLS connector. */
        default int port() {
            return port(0);
        }

        /** The port of the TLS connector at {@code index}, in the order given to {@link #launch}. */
        int port(int index);

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
     * and ports) and rethrows. {@code ports} and {@code httpPort} are asked after the start.
     */
    static Running started(Step start, Step stop, IntUnaryOperator ports, IntSupplier httpPort) throws Exception {
        try {
            start.run();
        } catch (Exception e) {
            stop.run();
            throw e;
        }
        return new Running() {
            @Override
            public int port(int index) {
                return ports.applyAsInt(index);
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
