package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import io.tlsconnector.config.Acme;
import io.tlsconnector.http.HttpsRedirect;

/**
 * Answers every request that arrives on the plain HTTP connector with a redirect to HTTPS (F5), but
 * the ACME http-01 challenges pending for the TLS connector's runtime.
 */
final class HttpsRedirectHandler extends Handler.Wrapper {
    private final Connector http;
    private final ServerConnector https;
    private final HttpsRedirect redirect;

    HttpsRedirectHandler(Connector http, ServerConnector https, HttpsRedirect redirect) {
        this.http = http;
        this.https = https;
        this.redirect = redirect;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getConnector() != http) {
            return super.handle(request, response, callback);
        }
        // ACME http-01 (RFC 8555 section 8.3): the CA's request is answered here, not redirected.
        String path = request.getHttpURI().getPath();
        if (path != null && path.startsWith(Acme.HTTP_CHALLENGE_PATH)) {
            TlsRoutingConnectionFactory tls = https.getConnectionFactory(TlsRoutingConnectionFactory.class);
            Optional<String> answer = tls == null ? Optional.empty() : tls.runtime().get().acmeHttpAnswer(path);
            if (answer.isPresent()) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                response.write(true, ByteBuffer.wrap(answer.get().getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        }
        String location = redirect.location(request.getHeaders().get(HttpHeader.HOST), https.getLocalPort(),
                request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        Response.sendRedirect(request, response, callback, redirect.status(), location, true);
        return true;
    }
}
