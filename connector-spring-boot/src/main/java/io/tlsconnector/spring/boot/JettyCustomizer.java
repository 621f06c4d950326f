package io.tlsconnector.spring.boot;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.jetty.JettyTls;

/**
 * Embedded Jetty 12.1: Boot's connector on {@code server.port} is replaced by the TLS connector (keeping Boot's
 * HTTP settings, e.g. forwarded headers), or, with {@code tls-connector.port}, the TLS connector is added.
 */
public final class JettyCustomizer implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {
    private final TlsRuntime runtime;
    private final Integer port;

    JettyCustomizer(TlsRuntime runtime, Integer port) {
        this.runtime = runtime;
        this.port = port;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        TlsConnectorAutoConfiguration.refuseServerSsl(factory.getSsl());
        factory.addServerCustomizers(server -> {
            String host = factory.getAddress() == null ? null : factory.getAddress().getHostAddress();
            if (port != null) {
                JettyTls.addConnector(server, host, port, runtime);
                return;
            }
            HttpConfiguration http = new HttpConfiguration();
            for (Connector existing : server.getConnectors()) {
                if (existing instanceof ServerConnector boots) {
                    HttpConnectionFactory factoryOfBoot = boots.getConnectionFactory(HttpConnectionFactory.class);
                    if (factoryOfBoot != null) {
                        http = new HttpConfiguration(factoryOfBoot.getHttpConfiguration());
                    }
                    server.removeConnector(existing);
                }
            }
            http.setSecureScheme("https");
            if (factory.getPort() > 0) {
                http.setSecurePort(factory.getPort());
            }
            server.addConnector(JettyTls.newConnector(server, host, factory.getPort(), () -> runtime, http));
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
