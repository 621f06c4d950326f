package io.tlsconnector.tomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.testing.AttributesServlet;
import io.tlsconnector.testing.ContainerUnderTest;

/** Embedded Tomcat 11 on 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet}. */
public final class TomcatContainer implements ContainerUnderTest {
    @Override
    public Running launch(TlsRuntime runtime, TlsConfig config, Extras extras) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-under-test-").toString());
        Connector connector = runtime != null
                ? TomcatTls.addConnector(tomcat, "127.0.0.1", 0, runtime)
                : TomcatTls.addConnector(tomcat, "127.0.0.1", 0, config);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "attributes", new AttributesServlet());
        context.addServletMappingDecoded("/", "attributes");
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
        Connector http = extras.redirect() == null ? null
                : TomcatTls.addHttpRedirect(tomcat, "127.0.0.1", 0, connector, extras.redirect());
        return ContainerUnderTest.started(tomcat::start, () -> stop(tomcat), connector::getLocalPort,
                () -> http.getLocalPort());
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
