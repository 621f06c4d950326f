package io.tlsconnector.tomcat;

import java.util.Objects;
import java.util.function.Supplier;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.engine.HostContext;

/**
 * Tomcat's HTTP/1.1 NIO protocol with the TLS connector: every virtual host of the {@link TlsConfig}
 * becomes an {@link SSLHostConfig} whose context connector-api built, SNI routing is connector-api's,
 * and HTTP/2 is offered with ALPN.
 *
 * <p>Programmatic use goes through {@link TomcatTls}. In a standalone Tomcat's {@code server.xml}:
 * <pre>{@code
 * <Connector port="8443" protocol="io.tlsconnector.tomcat.TlsNioProtocol"
 *            scheme="https" secure="true"
 *            tlsConfigSupplier="com.example.MyTlsConfig"/>
 * }</pre>
 * where {@code com.example.MyTlsConfig} implements {@code Supplier<TlsConfig>} with a public no-argument
 * constructor, and {@code <Valve className="io.tlsconnector.tomcat.TlsAttributesValve"/>} in the Engine
 * adds the connector's request attributes. SSLEnabled, the SSL implementation and HTTP/2 are set by
 * the protocol itself; {@code <SSLHostConfig>} elements are not used.
 */
public class TlsNioProtocol extends Http11NioProtocol {
    private static final Logger log = LoggerFactory.getLogger(TlsNioProtocol.class);

    private final RoutingNioEndpoint routing;
    private volatile TlsRuntime runtime;
    private TlsConfig config;
    private String tlsConfigSupplier;
    private boolean ownsRuntime;

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

    /** The runtime this connector serves; {@code null} before {@link #init()} when it owns one. */
    public TlsRuntime runtime() {
        return runtime;
    }

    @Override
    public void init() throws Exception {
        if (runtime == null) {
            runtime = TlsRuntime.start(configToStart());
            ownsRuntime = true;
        }
        for (HostContext host : runtime.hosts()) {
            SSLHostConfig hostConfig = new SSLHostConfig();
            hostConfig.setHostName(host.serverName());
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(hostConfig, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setSslContext(new HostSslContext(host));
            hostConfig.addCertificate(certificate);
            addSslHostConfig(hostConfig, true);
        }
        setDefaultSSLHostConfigName(runtime.defaultHost().serverName());
        super.init();
    }

    private TlsConfig configToStart() {
        if (config != null) {
            return config;
        }
        if (tlsConfigSupplier == null) {
            throw new IllegalStateException("Connector " + getName() + " has no TLS configuration: call TomcatTls.addConnector(...)"
                    + " or set the attribute tlsConfigSupplier=\"your.Supplier\" on the <Connector> in server.xml");
        }
        try {
            Object supplier = Class.forName(tlsConfigSupplier, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : getClass().getClassLoader())
                    .getConstructor().newInstance();
            if (!(supplier instanceof Supplier<?> typed) || !(typed.get() instanceof TlsConfig tls)) {
                throw new IllegalStateException("tlsConfigSupplier " + tlsConfigSupplier
                        + " must implement java.util.function.Supplier<io.tlsconnector.config.TlsConfig>");
            }
            return tls;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("tlsConfigSupplier " + tlsConfigSupplier + " cannot be instantiated (" + e
                    + "); put the class on Tomcat's class path (lib/) and give it a public no-argument constructor", e);
        }
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
