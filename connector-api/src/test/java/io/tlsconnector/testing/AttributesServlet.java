package io.tlsconnector.testing;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tlsconnector.vars.TlsRequestAttributes;

/** Reports the HTTP protocol and the TLS request attributes, one {@code name=value} line each. */
public final class AttributesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The request attributes reported. */
    public static final List<String> REPORTED = List.of(
            TlsRequestAttributes.SECURE_PROTOCOL,
            "jakarta.servlet.request.cipher_suite",
            "jakarta.servlet.request.key_size",
            "jakarta.servlet.request.ssl_session_id",
            "jakarta.servlet.request.X509Certificate",
            TlsRequestAttributes.VIRTUAL_HOST,
            TlsRequestAttributes.SNI,
            TlsRequestAttributes.SESSION_RESUMED);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=utf-8");
        StringBuilder body = new StringBuilder("protocol=" + request.getProtocol() + "\n");
        body.append("secure=").append(request.isSecure()).append('\n');
        for (String name : REPORTED) {
            Object value = request.getAttribute(name);
            body.append(name).append('=').append(value instanceof Object[] array ? "array of " + array.length : value).append('\n');
        }
        response.getWriter().write(body.toString());
    }
}
