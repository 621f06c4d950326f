package io.tlsconnector.tomcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import io.tlsconnector.config.Acme;
import io.tlsconnector.http.HttpsRedirect;

/**
 * Answers every request that arrives on the plain HTTP connector with a redirect to HTTPS (F5), but
 * the ACME http-01 challenges pending for the TLS connector's runtime.
 */
final class HttpsRedirectValve extends ValveBase {
    private final Connector http;
    private final Connector https;
    private final HttpsRedirect redirect;

    HttpsRedirectValve(Connector http, Connector https, HttpsRedirect redirect) {
        super(true);
        this.http = http;
        this.https = https;
        this.redirect = redirect;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getConnector() != http) {
            getNext().invoke(request, response);
            return;
        }
        // ACME http-01 (RFC 8555 section 8.3): the CA's request is answered here, not redirected.
        String path = request.getRequestURI();
        if (path != null && path.startsWith(Acme.HTTP_CHALLENGE_PATH)
                && https.getProtocolHandler() instanceof TlsNioProtocol tls && tls.runtime() != null) {
            Optional<String> answer = tls.runtime().acmeHttpAnswer(path);
            if (answer.isPresent()) {
                response.setStatus(200);
                response.setContentType("application/octet-stream");
                byte[] body = answer.get().getBytes(StandardCharsets.US_ASCII);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                return;
            }
        }
        response.sendRedirect(redirect.location(request.getHeader("Host"), https.getLocalPort(), request.getRequestURI(),
                request.getQueryString()), redirect.status());
    }
}
