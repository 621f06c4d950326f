package io.tlsconnector.jetty;

import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ProcessorUtils;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.http.HttpsRedirect;

/**
 * Adds TLS connectors with SNI virtual hosts to a Jetty 12 {@link Server}. Each connector reads the
 * ClientHello, picks the virtual host, and serves HTTP/2 or HTTP/1.1 (ALPN) over that host's
 * SSLContext.
 *
 * <pre>{@code
 * TlsRuntime tls = TlsRuntime.start(config);
 * ServerConnector https = JettyTls.addConnector(server, 8443, tls);
 * }</pre>
 */
public final class JettyTls {
    private static final String ALPN_H2 = "h2";
    private static final String ALPN_HTTP_1_1 = "http/1.1";
    /** Jetty's own choice of acceptor threads. */
    private static final int DEFAULT_ACCEPTORS = -1;

    private JettyTls() {
    }

    /** Adds a TLS connector on all interfaces, serving the given (already started) runtime. */
    public static ServerConnector addConnector(Server server, int port, TlsRuntime runtime) {
        return addConnector(server, null, port, runtime);
    }

    /**
     * Adds a TLS connector bound to {@code host} ({@code null} for all interfaces), serving the given
     * runtime. The caller owns the runtime and closes it.
     */
    public static ServerConnector addConnector(Server server, String host, int port, TlsRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        ServerConnector connector = newConnector(server, host, port, () -> runtime, defaultHttpConfiguration(port));
        server.addConnector(connector);
        return connector;
    }

    /**
     * Adds a TLS connector on all interfaces whose runtime starts and stops with the connector: a
     * configuration problem makes {@code server.start()} fail with a {@link io.tlsconnector.TlsConfigException}.
     */
    public static ServerConnector addConnector(Server server, int port, TlsConfig config) {
        return addConnector(server, null, port, config);
    }

    /** As {@link #addConnector(Server, int, TlsConfig)}, bound to {@code host}. */
    public static ServerConnector addConnector(Server server, String host, int port, TlsConfig config) {
        return addConnector(server, host, port, config, defaultHttpConfiguration(port));
    }

    /**
     * As {@link #addConnector(Server, String, int, TlsConfig)}, with the caller's {@link HttpConfiguration}
     * (which gains the customizers {@link #newConnector} adds).
     */
    public static ServerConnector addConnector(Server server, String host, int port, TlsConfig config, HttpConfiguration http) {
        ManagedRuntime runtime = new ManagedRuntime(Objects.requireNonNull(config, "config"));
        ServerConnector connector = newConnector(server, host, port, runtime, http);
        // Added first, so it starts before the connector's factories and before the port opens.
        connector.addBean(runtime, true);
        server.addConnector(connector);
        return connector;
    }

    /**
     * A selector per core, so that the ClientHello and the handshake run on the selector's thread and still get
     * every core ({@link TlsRoutingConnectionFactory#handshakesOnSelector}); no more than Jetty's own default
     * leaves to its thread pool (a sixteenth of its threads), so a small pool keeps room for requests.
     */
    static int selectorsPerCore(Server server) {
        int cores = ProcessorUtils.availableProcessors();
        return server.getThreadPool() instanceof ThreadPool.SizedThreadPool pool
                ? Math.max(1, Math.min(cores, pool.getMaxThreads() / 16)) : cores;
    }

    /**
     * A TLS connector not yet added to the server, for callers who bring their own
     * {@link HttpConfiguration}; a {@link TlsRequestCustomizer} (the connector's attributes and the SSL_* variables) and a
     * {@link SecureRequestCustomizer}
     * (without Jetty's SNI host check, which the library does itself when asked) are added to it if
     * missing.
     */
    public static ServerConnector newConnector(Server server, String host, int port, Supplier<TlsRuntime> runtime,
                                               HttpConfiguration http) {
        requireJetty121();
        if (http.getCustomizer(SecureRequestCustomizer.class) == null) {
            http.addCustomizer(new SecureRequestCustomizer(false));
        }
        if (http.getCustomizer(TlsRequestCustomizer.class) == null) {
            http.addCustomizer(new TlsRequestCustomizer());
        }
        TlsErrorHandler.install(server);
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        // ALPN ids are compared case-sensitively with what the client sends: "http/1.1", never the
        // "HTTP/1.1" that HttpConnectionFactory reports as its protocol.
        ALPNServerConnectionFactory alpn = new EngineAlpnConnectionFactory(ALPN_H2, ALPN_HTTP_1_1);
        alpn.setDefaultProtocol(ALPN_HTTP_1_1);
        TlsRoutingConnectionFactory tls = new TlsRoutingConnectionFactory(runtime, alpn.getProtocol());

        ServerConnector connector = new TlsServerConnector(server, DEFAULT_ACCEPTORS, selectorsPerCore(server), tls, alpn, h2, http11);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * Adds a plain HTTP connector on {@code httpPort} that answers every request with a redirect to
     * the same URL over HTTPS (F5), on {@code https}'s port unless {@code redirect} names one. Call it
     * after {@code server.setHandler(...)}: the redirect wraps the server's handler.
     */
    public static ServerConnector addHttpRedirect(Server server, String host, int httpPort, ServerConnector https,
                                                  HttpsRedirect redirect) {
        Objects.requireNonNull(redirect, "redirect");
        if (server.getHandler() == null) {
            throw new IllegalStateException("JettyTls.addHttpRedirect wraps the server's handler, but the server has none yet;"
                    + " call server.setHandler(...) first");
        }
        ServerConnector http = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        http.setHost(host);
        http.setPort(httpPort);
        server.addConnector(http);
        Handler.Singleton wrapper = new HttpsRedirectHandler(http, Objects.requireNonNull(https, "https"), redirect);
        server.insertHandler(wrapper);
        return http;
    }

    /**
     * The adapter is built and tested on Jetty 12.1; an older Jetty (say, brought by an older Spring Boot) is
     * refused at start-up with the reason instead of serving with parts missing.
     */
    static void requireJetty121() {
        String version = org.eclipse.jetty.util.Jetty.VERSION;
        String[] parts = version == null ? new String[0] : version.split("[.-]");
        boolean supported = false;
        try {
            supported = parts.length >= 2 && Integer.parseInt(parts[0]) == 12 && Integer.parseInt(parts[1]) >= 1;
        } catch (NumberFormatException e) {
            supported = false;
        }
        if (!supported) {
            throw new IllegalStateException("io.tlsconnector.jetty needs Jetty 12.1, but runs on Jetty " + version
                    + "; run it on Jetty 12.1 (with Spring Boot: Boot 4.0)");
        }
    }

    private static HttpConfiguration defaultHttpConfiguration(int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSecureScheme("https");
        if (port > 0) {
            http.setSecurePort(port);
        }
        return http;
    }

    /** A runtime that lives as long as its connector runs. */
    private static final class ManagedRuntime extends AbstractLifeCycle implements Supplier<TlsRuntime> {
        private final TlsConfig config;
        private volatile TlsRuntime runtime;

        ManagedRuntime(TlsConfig config) {
            this.config = config;
        }

        @Override
        protected void doStart() {
            runtime = TlsRuntime.start(config);
        }

        @Override
        protected void doStop() {
            TlsRuntime started = runtime;
            runtime = null;
            if (started != null) {
                started.close();
            }
        }

        @Override
        public TlsRuntime get() {
            TlsRuntime started = runtime;
            if (started == null) {
                throw new IllegalStateException("the TLS runtime of this connector is not running");
            }
            return started;
        }

        @Override
        public String toString() {
            return "ManagedTlsRuntime[" + config.virtualHosts().size() + " virtual host(s)]";
        }
    }
}
