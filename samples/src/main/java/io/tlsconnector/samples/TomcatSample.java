package io.tlsconnector.samples;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.tomcat.TomcatTls;
import picocli.CommandLine.Command;

/** {@code tls-samples tomcat}: an HTTPS server on embedded Tomcat 11. */
@Command(name = "tomcat", mixinStandardHelpOptions = true,
        description = "Serves https://HOST:PORT/ and /printenv (the SSL_* variables) from embedded Tomcat 11 with the TLS connector.")
public final class TomcatSample extends SampleServer {

    @Override
    public Integer call() throws Exception {
        Tomcat tomcat = start(bindings(), redirects());
        tomcat.getServer().await();
        return 0;
    }

    /** Starts the sample server; used by the command and by tests. */
    public static Tomcat start(String host, int port, TlsConfig config) throws Exception {
        return start(List.of(new Binding(host, port, config)));
    }

    /** Starts the sample server with one TLS connector per binding. */
    static Tomcat start(List<Binding> bindings) throws Exception {
        return start(bindings, List.of());
    }

    /** As {@link #start(List)}, with plain HTTP connectors that redirect to the first TLS connector (and answer ACME http-01). */
    static Tomcat start(List<Binding> bindings, List<Redirect> redirects) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tls-samples-tomcat-").toString());
        List<Connector> connectors = new ArrayList<>();
        for (Binding binding : bindings) {
            connectors.add(TomcatTls.addConnector(tomcat, binding.host(), binding.port(), binding.config()));
        }
        for (Redirect redirect : redirects) {
            TomcatTls.addHttpRedirect(tomcat, redirect.host(), redirect.port(), connectors.get(0), redirect.redirect());
        }
        Context context = tomcat.addContext("", null);
        servlets().forEach((path, servlet) -> {
            String name = servlet.getSimpleName();
            Tomcat.addServlet(context, name, servlet.getName());
            context.addServletMappingDecoded(path, name);
        });
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
            } catch (Exception ignored) {
                // the JVM is going down
            }
        }, "tomcat-sample-shutdown"));
        for (int i = 0; i < bindings.size(); i++) {
            logServing("Tomcat", bindings.get(i).host(), connectors.get(i).getLocalPort());
        }
        return tomcat;
    }
}
