package io.tlsconnector.jetty;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
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
    public Running launch(TlsRuntime runtime, TlsConfig config, Extras extras) throws Exception {
        Server server = new Server();
        ServerConnector connector = runtime != null
                ? JettyTls.addConnector(server, "127.0.0.1", 0, runtime)
                : JettyTls.addConnector(server, "127.0.0.1", 0, config);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(AttributesServlet.class, "/");
        if (extras.filter() != null) {
            context.addFilter(new FilterHolder(extras.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        ServerConnector http = extras.redirect() == null ? null
                : JettyTls.addHttpRedirect(server, "127.0.0.1", 0, connector, extras.redirect());
        return ContainerUnderTest.started(server::start, server::stop, connector::getLocalPort,
                () -> http.getLocalPort());
    }
}
