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
    public String name() {
        return "Jetty";
    }

    @Override
    public Running start(TlsRuntime runtime) throws Exception {
        Server server = new Server();
        return start(server, JettyTls.addConnector(server, "127.0.0.1", 0, runtime));
    }

    @Override
    public Running startOwning(TlsConfig config) throws Exception {
        Server server = new Server();
        return start(server, JettyTls.addConnector(server, "127.0.0.1", 0, config));
    }

    private static Running start(Server server, ServerConnector connector) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(AttributesServlet.class, "/");
        server.setHandler(context);
        return ContainerUnderTest.started(server::start, server::stop, connector::getLocalPort);
    }
}
