package io.tlsconnector.jetty;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.testing.FlatJson;
import io.tlsconnector.vars.SslVariables;

/**
 * Embedded Jetty with one 127.0.0.1 connector (ephemeral port) per named runtime, answering every
 * path like mod_ssl's printenv CGI: the request's {@code HTTPS} and {@code SSL_*} attributes as JSON,
 * plus {@code X-SslVariables-Identity}, the identity of the request's {@link SslVariables} object.
 */
final class VariablesTestServer {
    static final String IDENTITY_HEADER = "X-SslVariables-Identity";

    private final Server server;
    private final Map<String, ServerConnector> connectors;

    private VariablesTestServer(Server server, Map<String, ServerConnector> connectors) {
        this.server = server;
        this.connectors = connectors;
    }

    static VariablesTestServer start(Map<String, TlsRuntime> runtimes) throws Exception {
        Server server = new Server();
        Map<String, ServerConnector> connectors = new LinkedHashMap<>();
        runtimes.forEach((name, runtime) -> connectors.put(name, JettyTls.addConnector(server, "127.0.0.1", 0, runtime)));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(EnvServlet.class, "/*");
        server.setHandler(context);
        server.start();
        return new VariablesTestServer(server, connectors);
    }

    int port(String name) {
        return connectors.get(name).getLocalPort();
    }

    void close() throws Exception {
        server.stop();
    }

    public static final class EnvServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, String> env = new TreeMap<>();
            for (String name : Collections.list(request.getAttributeNames())) {
                if (name.startsWith("SSL_") || name.equals("HTTPS")) {
                    env.put(name, (String) request.getAttribute(name));
                }
            }
            Object variables = request.getAttribute(SslVariables.ATTRIBUTE);
            response.setHeader(IDENTITY_HEADER, variables == null ? "none" : Integer.toString(System.identityHashCode(variables)));
            response.setContentType("application/json; charset=utf-8");
            response.getWriter().write(FlatJson.write(env));
        }
    }
}
