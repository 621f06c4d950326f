package io.tlsconnector.tomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServlet;

import java.security.Principal;

import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import io.tlsconnector.testing.ContainerUnderTest;

/** Embedded Tomcat 11 on 127.0.0.1 with ephemeral TLS ports. */
public final class TomcatContainer implements ContainerUnderTest {
    @Override
    public Running launch(List<Tls> connectors, Class<? extends HttpServlet> servlet, Extras extras) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-under-test-").toString());
        List<Connector> added = new ArrayList<>();
        for (Tls tls : connectors) {
            added.add(tls.runtime() != null
                    ? TomcatTls.addConnector(tomcat, "127.0.0.1", 0, tls.runtime())
                    : TomcatTls.addConnector(tomcat, "127.0.0.1", 0, tls.config()));
        }
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "under-test", servlet.getName());
        context.addServletMappingDecoded("/*", "under-test");
        if (extras.filter() != null) {
            FilterDef filter = new FilterDef();
            filter.setFilterName("extra");
            filter.setFilter(extras.filter());
            context.addFilterDef(filter);
            FilterMap mapping = new FilterMap();
            mapping.setFilterName("extra");
            mapping.addURLPattern("/*");
            context.addFilterMap(mapping);
        }
        if (extras.basicAuth() != null) {
            secure(context, extras.basicAuth());
        }
        Connector http = extras.redirect() == null ? null
                : TomcatTls.addHttpRedirect(tomcat, "127.0.0.1", 0, added.get(0), extras.redirect());
        return ContainerUnderTest.started(tomcat::start, () -> stop(tomcat), index -> added.get(index).getLocalPort(),
                () -> http.getLocalPort());
    }

    /** A SecurityConstraint on the Context, BASIC login and a Realm holding the users (what web.xml would declare). */
    private static void secure(Context context, BasicAuth auth) {
        context.setRealm(new RealmBase() {
            @Override
            protected String getPassword(String username) {
                return auth.users().get(username);
            }

            @Override
            protected Principal getPrincipal(String username) {
                return auth.users().containsKey(username) ? new GenericPrincipal(username, List.of(auth.role())) : null;
            }
        });
        SecurityCollection paths = new SecurityCollection();
        paths.addPattern(auth.pathSpec());
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(auth.role());
        constraint.addCollection(paths);
        context.addConstraint(constraint);
        context.addSecurityRole(auth.role());
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName("certificates");
        context.setLoginConfig(login);
        context.getPipeline().addValve(new BasicAuthenticator());
    }

    private static void stop(Tomcat tomcat) throws Exception {
        try {
            tomcat.stop();
        } finally {
            tomcat.destroy();
            try (var paths = Files.walk(Path.of(tomcat.getServer().getCatalinaBase().getPath()))) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
