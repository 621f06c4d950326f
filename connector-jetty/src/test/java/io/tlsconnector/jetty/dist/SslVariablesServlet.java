package io.tlsconnector.jetty.dist;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed into the real jetty-home distribution by {@link JettyDistributionIT} (its class file only: it
 * needs nothing but the Servlet API the container provides); answers {@code NAME=value} lines.
 */
public class SslVariablesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final List<String> NAMES = List.of("SSL_PROTOCOL", "SSL_CIPHER", "SSL_TLS_SNI", "SSL_SERVER_S_DN_CN", "SSL_VERSION_LIBRARY",
            "io.tlsconnector.virtual_host", "jakarta.servlet.request.cipher_suite");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder body = new StringBuilder("protocol=" + request.getProtocol() + "\n");
        for (String name : NAMES) {
            body.append(name).append('=').append(request.getAttribute(name)).append('\n');
        }
        response.getWriter().write(body.toString());
    }
}
