package io.tlsconnector.jetty;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;

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
        if (extras.basicAuth() != null) {
            context.setSecurityHandler(security(extras.basicAuth()));
        }
        server.setHandler(context);
        ServerConnector http = extras.redirect() == null ? null
                : JettyTls.addHttpRedirect(server, "127.0.0.1", 0, added.get(0), extras.redirect());
        return ContainerUnderTest.started(server::start, server::stop, index -> added.get(index).getLocalPort(),
                () -> http.getLocalPort());
    }

    /** ee10's ConstraintSecurityHandler with Basic authentication against an in-memory user store. */
    private static ConstraintSecurityHandler security(BasicAuth auth) {
        UserStore users = new UserStore();
        auth.users().forEach((name, password) -> users.addUser(name, new Password(password), new String[] {auth.role()}));
        HashLoginService login = new HashLoginService("certificates");
        login.setUserStore(users);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setPathSpec(auth.pathSpec());
        mapping.setConstraint(Constraint.from(auth.role()));
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.addConstraintMapping(mapping);
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(login);
        return security;
    }
}
