package io.tlsconnector.samples;

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
        Server server = start(host, port, tlsConfig());
        server.join();
        return 0;
    }

    /** Starts the sample server; used by the command and by tests. */
    public static Server start(String host, int port, TlsConfig config) throws Exception {
        Server server = new Server();
        ServerConnector connector = JettyTls.addConnector(server, host, port, config);
        ServletContextHandler context = new ServletContextHandler();
        servlets().forEach((path, servlet) -> context.addServlet(servlet, path));
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        logServing("Jetty", host, connector.getLocalPort());
        return server;
    }
}
