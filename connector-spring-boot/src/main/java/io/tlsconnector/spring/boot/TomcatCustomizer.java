package io.tlsconnector.spring.boot;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.tomcat.TlsNioProtocol;

/**
 * Embedded Tomcat 11: the main connector ({@code server.port}) becomes a {@link TlsNioProtocol} serving the
 * runtime, or, with {@code tls-connector.port}, one more connector does. Runs after Boot's own customizers,
 * so {@code server.port}, {@code server.address} and {@code server.ssl} are known.
 */
public final class TomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final TlsRuntime runtime;
    private final Integer port;

    TomcatCustomizer(TlsRuntime runtime, Integer port) {
        this.runtime = runtime;
        this.port = port;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        TlsConnectorAutoConfiguration.refuseServerSsl(factory.getSsl());
        if (port == null) {
            factory.setProtocol(TlsNioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof TlsNioProtocol protocol) {
                    protocol.setRuntime(runtime);
                }
            });
            return;
        }
        TlsNioProtocol protocol = new TlsNioProtocol();
        protocol.setRuntime(runtime);
        Connector connector = new Connector(protocol);
        connector.setPort(port);
        if (factory.getAddress() != null) {
            connector.setProperty("address", factory.getAddress().getHostAddress());
        }
        factory.addAdditionalConnectors(connector);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
