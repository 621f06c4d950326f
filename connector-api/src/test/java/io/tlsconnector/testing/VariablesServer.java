package io.tlsconnector.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.vars.SslVariables;

/**
 * A container with one 127.0.0.1 connector (ephemeral port) per named runtime, answering every path
 * like mod_ssl's printenv CGI: the request's {@code HTTPS} and {@code SSL_*} attributes as JSON, plus
 * {@code X-SslVariables-Identity}, the identity of the request's {@link SslVariables} object.
 */
public final class VariablesServer {
    public static final String IDENTITY_HEADER = "X-SslVariables-Identity";

    private final ContainerUnderTest.Running running;
    private final List<String> names;

    private VariablesServer(ContainerUnderTest.Running running, List<String> names) {
        this.running = running;
        this.names = names;
    }

    public static VariablesServer start(ContainerUnderTest container, Map<String, TlsRuntime> runtimes) throws Exception {
        return start(container, runtimes, EnvServlet.class);
    }

    /** One connector per runtime, by name, serving {@code servlet} at every path. */
    public static VariablesServer start(ContainerUnderTest container, Map<String, TlsRuntime> runtimes,
                                        Class<? extends HttpServlet> servlet) throws Exception {
        List<String> names = new ArrayList<>(runtimes.keySet());
        List<ContainerUnderTest.Tls> connectors = runtimes.values().stream().map(ContainerUnderTest.Tls::of).toList();
        return new VariablesServer(container.launch(connectors, servlet), names);
    }

    public int port(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no connector named '" + name + "'; there are " + names);
        }
        return running.port(index);
    }

    public void close() throws Exception {
        running.close();
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
            if (request.getRemoteUser() != null) {
                // As in printenv's CGI environment: the remote user (e.g. set by SSLUserName).
                env.put("REMOTE_USER", request.getRemoteUser());
            }
            Object variables = request.getAttribute(SslVariables.ATTRIBUTE);
            response.setHeader(IDENTITY_HEADER, variables == null ? "none" : Integer.toString(System.identityHashCode(variables)));
            response.setContentType("application/json; charset=utf-8");
            response.getWriter().write(FlatJson.write(env));
        }
    }
}
