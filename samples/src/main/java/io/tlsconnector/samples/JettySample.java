package io.tlsconnector.samples;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.jetty.JettyTls;
import picocli.CommandLine.Command;

/** {@code tls-samples jetty}: an HTTPS server on embedded Jetty 12. */
@Command(name = "jetty", mixinStandardHelpOptions = true,
        description = "Serves https://HOST:PORT/ and /printenv (the SSL_* variables) from embedded Jetty 12 with the TLS connector.")
public final class JettySample extends SampleServer {

    @Override
    public Integer call() throws Exception {
        Server server = start(bindings(), redirects());
        server.join();
        return 0;
    }

    /** Starts the sample server; used by the command and by tests. */
    public static Server start(String host, int port, TlsConfig config) throws Exception {
        return start(List.of(new Binding(host, port, config)));
    }

    /** Starts the sample server with one TLS connector per binding. */
    static Server start(List<Binding> bindings) throws Exception {
        return start(bindings, List.of());
    }

    /** As {@link #start(List)}, with plain HTTP connectors that redirect to the first TLS connector (and answer ACME http-01). */
    static Server start(List<Binding> bindings, List<Redirect> redirects) throws Exception {
        Server server = new Server();
        List<ServerConnector> connectors = new ArrayList<>();
        for (Binding binding : bindings) {
            connectors.add(JettyTls.addConnector(server, binding.host(), binding.port(), binding.config()));
        }
        ServletContextHandler context = new ServletContextHandler();
        servlets().forEach((path, servlet) -> context.addServlet(servlet, path));
        server.setHandler(context);
        for (Redirect redirect : redirects) {
            JettyTls.addHttpRedirect(server, redirect.host(), redirect.port(), connectors.get(0), redirect.redirect());
        }
        server.setStopAtShutdown(true);
        server.start();
        for (int i = 0; i < bindings.size(); i++) {
            logServing("Jetty", bindings.get(i).host(), connectors.get(i).getLocalPort());
        }
        return server;
    }
}
