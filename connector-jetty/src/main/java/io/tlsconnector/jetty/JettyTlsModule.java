package io.tlsconnector.jetty;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.spi.TlsConfigSource;

/**
 * What the {@code tls-connector} module of a standalone Jetty ({@code $JETTY_BASE/etc/tls-connector.xml})
 * calls: one TLS connector whose configuration {@code start.d/tls-connector.ini} names (F5).
 */
public final class JettyTlsModule {
    private static final Logger log = LoggerFactory.getLogger(JettyTlsModule.class);

    /** How the settings are spelled in a jetty-base, for the start-up errors. */
    public static final TlsConfigSource SOURCE = new TlsConfigSource("tls-connector.httpd-conf", "tls-connector.config-supplier",
            "$JETTY_BASE/start.d/tls-connector.ini (or on the start.jar command line)");

    private JettyTlsModule() {
    }

    /**
     * Adds the module's connector to {@code server}: {@code host} ({@code null} or blank: all addresses) and
     * {@code port}, with a copy of the server's {@code httpConfig}; the configuration comes from the httpd mod_ssl
     * file {@code httpdConf} (relative: from {@code jettyBase}) or the {@code Supplier<TlsConfig>} class
     * {@code configSupplier}, exactly one of them.
     * The runtime starts with the connector, so a bad configuration fails Jetty's start-up naming the file and fix.
     */
    public static ServerConnector addConnector(Server server, HttpConfiguration httpConfig, String host, int port,
                                               String httpdConf, String configSupplier, String jettyBase) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tls-connector.port=" + port + " is not a port; set tls-connector.port to 0-65535 in "
                    + SOURCE.where());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : JettyTlsModule.class.getClassLoader();
        TlsConfig config = SOURCE.resolve(httpdConf, configSupplier, loader,
                jettyBase == null || jettyBase.isBlank() ? null : java.nio.file.Path.of(jettyBase));
        HttpConfiguration http = httpConfig == null ? new HttpConfiguration() : new HttpConfiguration(httpConfig);
        http.setSecureScheme("https");
        if (port > 0) {
            http.setSecurePort(port);
        }
        String address = host == null || host.isBlank() ? null : host.strip();
        ServerConnector connector = JettyTls.addConnector(server, address, port, config, http);
        connector.setName("tls-connector");
        log.info("tls-connector module: TLS connector on {}:{} from {}", address == null ? "*" : address, port,
                httpdConf != null && !httpdConf.isBlank() ? "httpd configuration " + httpdConf.strip() : "supplier " + configSupplier.strip());
        return connector;
    }
}
