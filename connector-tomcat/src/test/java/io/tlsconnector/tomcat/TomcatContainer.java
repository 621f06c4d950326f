package io.tlsconnector.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.testing.AttributesServlet;
import io.tlsconnector.testing.ContainerUnderTest;

/** Embedded Tomcat 11 on 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet}. */
public final class TomcatContainer implements ContainerUnderTest {
    @Override
    public String name() {
        return "Tomcat";
    }

    @Override
    public Running start(TlsRuntime runtime) throws Exception {
        Tomcat tomcat = newTomcat();
        return start(tomcat, TomcatTls.addConnector(tomcat, "127.0.0.1", 0, runtime));
    }

    @Override
    public Running startOwning(TlsConfig config) throws Exception {
        Tomcat tomcat = newTomcat();
        return start(tomcat, TomcatTls.addConnector(tomcat, "127.0.0.1", 0, config));
    }

    private static Tomcat newTomcat() {
        try {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("tomcat-under-test-").toString());
            return tomcat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Running start(Tomcat tomcat, Connector connector) throws Exception {
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "attributes", new AttributesServlet());
        context.addServletMappingDecoded("/", "attributes");
        return ContainerUnderTest.started(tomcat::start, () -> stop(tomcat), connector::getLocalPort);
    }

    private static void stop(Tomcat tomcat) throws Exception {
        try {
            tomcat.stop();
        } finally {
            tomcat.destroy();
            deleteTree(Path.of(tomcat.getServer().getCatalinaBase().getPath()));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
