package io.tlsconnector.jetty;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.testing.ContainerUnderTest;

/** Embedded Jetty 12 on 127.0.0.1 with ephemeral TLS ports. */
public final class JettyContainer implements ContainerUnderTest {
    @Override
    public Running launch(List<Tls> connectors, Class<? extends HttpServlet> servlet, Extras extras) throws Exception {
        Server server = new Server();
        List<ServerConnector> added = new ArrayList<>();
        for (Tls tls : connectors) {
            added.add(tls.runtime() != null
                    ? JettyTls.addConnector(server, "127.0.0.1", 0, tls.runtime())
                    : JettyTls.addConnector(server, "127.0.0.1", 0, tls.config()));
        }
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(servlet, "/*");
        if (extras.filter() != null) {
            context.addFilter(new FilterHolder(extras.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        ServerConnector http = extras.redirect() == null ? null
                : JettyTls.addHttpRedirect(server, "127.0.0.1", 0, added.get(0), extras.redirect());
        return ContainerUnderTest.started(server::start, server::stop, index -> added.get(index).getLocalPort(),
                () -> http.getLocalPort());
    }
}
