package io.tlsconnector.samples;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves {@code /}: "hello" with the negotiated protocol, cipher suite and virtual host. */
public final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().printf("hello%nprotocol: %s%ncipher: %s%nvirtual host: %s%nhttp: %s%n",
                request.getAttribute("jakarta.servlet.request.secure_protocol"),
                request.getAttribute("jakarta.servlet.request.cipher_suite"),
                request.getAttribute("io.tlsconnector.virtual_host"),
                request.getProtocol());
    }
}
