package io.tlsconnector.jetty;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.TlsRuntime;

/** Embedded Jetty on 127.0.0.1 with an ephemeral TLS port, serving {@link AttributesServlet} at {@code /}. */
final class JettyTestServer implements AutoCloseable {
    /** The request attributes the servlet reports, one {@code name=value} line each. */
    static final List<String> REPORTED = List.of(
            "jakarta.servlet.request.secure_protocol",
            "jakarta.servlet.request.cipher_suite",
            "jakarta.servlet.request.key_size",
            "jakarta.servlet.request.ssl_session_id",
            "jakarta.servlet.request.X509Certificate",
            TlsRequestCustomizer.VIRTUAL_HOST,
            TlsRequestCustomizer.SNI);

    private final Server server;
    private final ServerConnector connector;

    private JettyTestServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static JettyTestServer start(TlsRuntime runtime) throws Exception {
        Server server = new Server();
        ServerConnector connector = JettyTls.addConnector(server, "127.0.0.1", 0, runtime);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(AttributesServlet.class, "/");
        server.setHandler(context);
        server.start();
        return new JettyTestServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static final class AttributesServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain; charset=utf-8");
            StringBuilder body = new StringBuilder("protocol=" + request.getProtocol() + "\n");
            for (String name : REPORTED) {
                Object value = request.getAttribute(name);
                body.append(name).append('=').append(value instanceof Object[] array ? "array of " + array.length : value).append('\n');
            }
            response.getWriter().write(body.toString());
        }
    }
}
