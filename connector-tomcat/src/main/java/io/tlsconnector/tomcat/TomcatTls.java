package io.tlsconnector.tomcat;

import java.util.Objects;

import org.apache.catalina.Engine;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.http.HttpsRedirect;

/**
 * Adds the TLS connector to an embedded Tomcat 11:
 * <pre>{@code
 * Connector https = TomcatTls.addConnector(tomcat, 8443, TlsRuntime.start(config));
 * }</pre>
 * Each virtual host of the configuration gets its own SSLContext from connector-api, chosen by the
 * SNI name; HTTP/2 is offered with ALPN; requests carry the connector's attributes.
 */
public final class TomcatTls {
    private TomcatTls() {
    }

    /** A TLS connector on all addresses, serving {@code runtime} (which the caller closes). */
    public static Connector addConnector(Tomcat tomcat, int port, TlsRuntime runtime) {
        return addConnector(tomcat, null, port, runtime);
    }

    /** A TLS connector on {@code host} ({@code null}: all addresses), serving {@code runtime}. */
    public static Connector addConnector(Tomcat tomcat, String host, int port, TlsRuntime runtime) {
        TlsNioProtocol protocol = new TlsNioProtocol();
        protocol.setRuntime(Objects.requireNonNull(runtime, "runtime"));
        return add(tomcat, host, port, protocol);
    }

    /**
     * A TLS connector whose runtime starts with the connector and stops with it; a configuration that
     * fails its checks makes {@code tomcat.start()} fail with the {@link io.tlsconnector.TlsConfigException}.
     */
    public static Connector addConnector(Tomcat tomcat, int port, TlsConfig config) {
        return addConnector(tomcat, null, port, config);
    }

    public static Connector addConnector(Tomcat tomcat, String host, int port, TlsConfig config) {
        TlsNioProtocol protocol = new TlsNioProtocol();
        protocol.setTlsConfig(Objects.requireNonNull(config, "config"));
        return add(tomcat, host, port, protocol);
    }

    private static Connector add(Tomcat tomcat, String host, int port, TlsNioProtocol protocol) {
        Connector connector = new Connector(protocol);
        connector.setPort(port);
        if (host != null) {
            connector.setProperty("address", host);
        }
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setThrowOnFailure(true);
        tomcat.getService().addConnector(connector);
        installValve(tomcat.getEngine());
        return connector;
    }

    /**
     * Adds a plain HTTP connector on {@code httpPort} ({@code host} null: all addresses) that answers
     * every request with a redirect to the same URL over HTTPS (F5), on {@code https}'s port unless
     * {@code redirect} names one.
     */
    public static Connector addHttpRedirect(Tomcat tomcat, String host, int httpPort, Connector https, HttpsRedirect redirect) {
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(redirect, "redirect");
        Connector http = new Connector("HTTP/1.1");
        http.setPort(httpPort);
        if (host != null) {
            http.setProperty("address", host);
        }
        http.setThrowOnFailure(true);
        tomcat.getService().addConnector(http);
        tomcat.getEngine().getPipeline().addValve(new HttpsRedirectValve(http, https, redirect));
        return http;
    }

    private static void installValve(Engine engine) {
        for (Valve valve : engine.getPipeline().getValves()) {
            if (valve instanceof TlsAttributesValve) {
                return;
            }
        }
        engine.getPipeline().addValve(new TlsAttributesValve());
    }
}
