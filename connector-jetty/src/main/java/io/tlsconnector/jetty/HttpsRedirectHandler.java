package io.tlsconnector.jetty;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import io.tlsconnector.http.HttpsRedirect;

/** Answers every request that arrives on the plain HTTP connector with a redirect to HTTPS (F5). */
final class HttpsRedirectHandler extends Handler.Wrapper {
    private final Connector http;
    private final NetworkConnector https;
    private final HttpsRedirect redirect;

    HttpsRedirectHandler(Connector http, NetworkConnector https, HttpsRedirect redirect) {
        this.http = http;
        this.https = https;
        this.redirect = redirect;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getConnector() != http) {
            return super.handle(request, response, callback);
        }
        String location = redirect.location(request.getHeaders().get(HttpHeader.HOST), https.getLocalPort(),
                request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        Response.sendRedirect(request, response, callback, redirect.status(), location, true);
        return true;
    }
}
