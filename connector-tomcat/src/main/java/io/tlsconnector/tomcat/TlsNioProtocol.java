package io.tlsconnector.tomcat;

import java.lang.reflect.Field;
import java.util.Objects;

import org.apache.catalina.Container;
import org.apache.catalina.Engine;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.CoyoteAdapter;
import org.apache.catalina.util.ServerInfo;
import org.apache.coyote.Adapter;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SocketProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.spi.TlsConfigSource;
import io.tlsconnector.spi.HostView;

/**
 * Tomcat's HTTP/1.1 NIO protocol with the TLS connector: every virtual host of the {@link TlsConfig}
 * becomes an {@link SSLHostConfig} whose context connector-api built, SNI routing is connector-api's,
 * and HTTP/2 is offered with ALPN.
 *
 * <p>Programmatic use goes through {@link TomcatTls}. In a standalone Tomcat's {@code server.xml}:
 * <pre>{@code
 * <Connector port="8443" protocol="io.tlsconnector.tomcat.TlsNioProtocol"
 *            httpdConf="/etc/tls/ssl.conf"/>
 * }</pre>
 * with an httpd mod_ssl configuration, or {@code tlsConfigSupplier="com.example.MyTlsConfig"} naming a class
 * implementing {@code Supplier<TlsConfig>} with a public no-argument constructor (exactly one of the two).
 * SSLEnabled, scheme, secure, the SSL implementation and HTTP/2 are set by the protocol itself;
 * {@code <SSLHostConfig>} elements are not used. The protocol installs the {@link TlsAttributesValve} in the
 * Engine when it is missing (the SSL_* attributes are never silently absent) and makes its connector fail
 * Tomcat's start-up on a bad configuration instead of leaving Tomcat up without HTTPS (F5, F9).
 */
public class TlsNioProtocol extends Http11NioProtocol {
    private static final Logger log = LoggerFactory.getLogger(TlsNioProtocol.class);

    private final RoutingNioEndpoint routing;
    private volatile TlsRuntime runtime;
    private TlsConfig config;
    private String tlsConfigSupplier;
    private String httpdConf;
    private boolean ownsRuntime;
    private Connector connector;

    /** How the settings are spelled in server.xml, for the start-up errors. */
    static final TlsConfigSource SERVER_XML = new TlsConfigSource("httpdConf", "tlsConfigSupplier",
            "the <Connector protocol=\"io.tlsconnector.tomcat.TlsNioProtocol\"> element of $CATALINA_BASE/conf/server.xml");

    public TlsNioProtocol() {
        this(new RoutingNioEndpoint());
    }

    private TlsNioProtocol(RoutingNioEndpoint endpoint) {
        super(endpoint);
        this.routing = endpoint;
        endpoint.runtime(() -> runtime);
        setSSLEnabled(true);
        setSslImplementationName(ConnectorSslImplementation.class.getName());
        // As on Jetty, a keep-alive connection is not cut after 100 requests (Tomcat's default); a TLS
        // connection is worth keeping. server.xml's maxKeepAliveRequests still overrides this.
        setMaxKeepAliveRequests(-1);
        addUpgradeProtocol(new Http2Protocol());
    }

    /** Serves an already started runtime; the caller closes it. */
    public void setRuntime(TlsRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.ownsRuntime = false;
    }

    /** Starts a runtime for {@code config} when the connector initialises, and closes it with the connector. */
    public void setTlsConfig(TlsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * For {@code server.xml}: the name of a class implementing {@code Supplier<TlsConfig>}, with a public
     * no-argument constructor, that describes the TLS configuration.
     */
    public void setTlsConfigSupplier(String className) {
        this.tlsConfigSupplier = className;
    }

    public String getTlsConfigSupplier() {
        return tlsConfigSupplier;
    }

    /**
     * For {@code server.xml}: the httpd mod_ssl configuration file that describes the TLS configuration
     * (a relative path is taken from {@code $CATALINA_BASE}).
     */
    public void setHttpdConf(String file) {
        this.httpdConf = file;
    }

    public String getHttpdConf() {
        return httpdConf;
    }

    /**
     * Tomcat's Connector hands its adapter over before it initialises this protocol; the adapter knows the
     * Connector, which is made to fail start-up on a configuration problem (as {@code throwOnFailure} does)
     * and to be secure, and whose Engine gets the {@link TlsAttributesValve}.
     */
    @Override
    public void setAdapter(Adapter adapter) {
        super.setAdapter(adapter);
        connector = connectorOf(adapter);
        if (connector != null) {
            connector.setThrowOnFailure(true);
            connector.setScheme("https");
            connector.setSecure(true);
        }
    }

    private static Connector connectorOf(Adapter adapter) {
        if (!(adapter instanceof CoyoteAdapter)) {
            return null;
        }
        try {
            Field field = CoyoteAdapter.class.getDeclaredField("connector");
            field.setAccessible(true);
            return (Connector) field.get(adapter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot reach the Connector of {}: {}", adapter, e.toString());
            return null;
        }
    }

    /** The runtime this connector serves; {@code null} before {@link #init()} when it owns one. */
    public TlsRuntime runtime() {
        return runtime;
    }

    @Override
    public void init() throws Exception {
        requireTomcat11();
        requireAttributesValve();
        if (runtime == null) {
            try {
                runtime = TlsRuntime.start(configToStart());
            } catch (RuntimeException e) {
                failStandaloneStartUp();
                throw e;
            }
            ownsRuntime = true;
        }
        for (HostView host : HostView.all(runtime)) {
            SSLHostConfig hostConfig = new SSLHostConfig();
            hostConfig.setHostName(host.serverName());
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(hostConfig, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setSslContext(new HostSslContext(() -> runtime, host.serverName()));
            hostConfig.addCertificate(certificate);
            addSslHostConfig(hostConfig, true);
        }
        setDefaultSSLHostConfigName(HostView.defaultHost(runtime).serverName());
        if (HostView.all(runtime).stream().anyMatch(HostView::prefersDirectBuffers)) {
            // BoringSSL works on native memory: handed Tomcat's default heap buffers for the encrypted bytes, it would
            // copy every wrap and unwrap through a temporary direct buffer.
            getEndpoint().getSocketProperties().setDirectSslBuffer(true);
        }
        keepClosedChannelsOnSmallHeaps(getEndpoint().getSocketProperties(), Runtime.getRuntime().maxMemory());
        super.init();
    }

    /**
     * Below 2 GB of heap Tomcat keeps no closed channel for reuse, so every TLS connection allocates its buffers again
     * (the application buffers, expanded after the ClientHello, and the encrypted-byte buffers, native ones for
     * BoringSSL: about 50 KB) and frees them at close. Unless {@code socket.bufferPool} or {@code socket.bufferPoolSize}
     * is set, keep what 1/32 of the heap holds, as Tomcat itself does above 2 GB.
     */
    static void keepClosedChannelsOnSmallHeaps(SocketProperties socket, long heap) {
        if (socket.getBufferPool() == -2 && socket.getBufferPoolSize() == -2 && heap <= Integer.MAX_VALUE) {
            socket.setBufferPoolSize((int) (heap / 32));
        }
    }

    private TlsConfig configToStart() {
        if (config != null) {
            return config;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : getClass().getClassLoader();
        String base = System.getProperty("catalina.base");
        return SERVER_XML.resolve(httpdConf, tlsConfigSupplier, loader, base == null ? null : java.nio.file.Path.of(base));
    }

    /**
     * In a standalone Tomcat Catalina logs a connector that fails to initialise and starts without it; since the
     * connector's {@code throwOnFailure} is set it then stops again, but exits with 0. Once this connector has
     * failed, the Catalina that loads server.xml is told to throw on an initialisation failure (Tomcat's
     * {@code org.apache.catalina.startup.EXIT_ON_INIT_FAILURE}), so {@code catalina.sh run} (and systemd) see the
     * failure (F9). Embedded Tomcat has no Catalina: {@code tomcat.start()} throws already.
     */
    private void failStandaloneStartUp() {
        if (connector != null && connector.getService() != null && connector.getService().getServer() != null
                && connector.getService().getServer().getCatalina() != null) {
            connector.getService().getServer().getCatalina().setThrowOnInitFailure(true);
        }
    }

    /** Tomcat 10.1 (Spring Boot 3.5) starts the protocol but never hands the connector's attributes over. */
    private static void requireTomcat11() {
        String version = ServerInfo.getServerNumber();
        if (version == null || !version.startsWith("11.")) {
            throw new IllegalStateException("io.tlsconnector.tomcat.TlsNioProtocol needs Tomcat 11, but runs on Tomcat " + version
                    + " (" + ServerInfo.getServerInfo() + "), on which requests would carry none of the connector's SSL_* attributes;"
                    + " run it on Tomcat 11.0 (with Spring Boot: Boot 4.0)");
        }
    }

    /**
     * The SSL_* attributes come from {@link TlsAttributesValve}: added to the Engine when missing, and when the
     * Engine cannot be reached start-up stops instead of serving requests without them.
     */
    private void requireAttributesValve() {
        Container engine = connector == null || connector.getService() == null ? null : connector.getService().getContainer();
        if (!(engine instanceof Engine)) {
            throw new IllegalStateException("Connector " + getName() + " cannot reach its Engine to install"
                    + " io.tlsconnector.tomcat.TlsAttributesValve, without which no request carries the SSL_* attributes;"
                    + " add <Valve className=\"io.tlsconnector.tomcat.TlsAttributesValve\"/> to the <Engine> in server.xml"
                    + " or use TomcatTls.addConnector(...)");
        }
        for (Valve valve : engine.getPipeline().getValves()) {
            if (valve instanceof TlsAttributesValve) {
                return;
            }
        }
        engine.getPipeline().addValve(new TlsAttributesValve());
        log.debug("Installed TlsAttributesValve in Engine {}", engine.getName());
    }

    @Override
    public void destroy() throws Exception {
        try {
            super.destroy();
        } finally {
            if (ownsRuntime && runtime != null) {
                log.debug("Closing the TLS runtime of {}", getName());
                runtime.close();
                runtime = null;
            }
        }
    }

    RoutingNioEndpoint routingEndpoint() {
        return routing;
    }
}
