package io.tlsconnector.jetty;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.testing.AttributesServlet;
import io.tlsconnector.testing.ContainerUnderTest;

/** Embedded Jetty 12 on 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet}. */
public final class JettyContainer implements ContainerUnderTest {
    @Override
    public Running launch(TlsRuntime runtime, TlsConfig config) throws Exception {
        Server server = new Server();
        ServerConnector connector = runtime != null
                ? JettyTls.addConnector(server, "127.0.0.1", 0, runtime)
                : JettyTls.addConnector(server, "127.0.0.1", 0, config);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(AttributesServlet.class, "/");
        server.setHandler(context);
        return ContainerUnderTest.started(server::start, server::stop, connector::getLocalPort);
    }
}
