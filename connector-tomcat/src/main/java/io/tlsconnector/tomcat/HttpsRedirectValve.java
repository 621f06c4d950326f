package io.tlsconnector.tomcat;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import io.tlsconnector.http.HttpsRedirect;

/** Answers every request that arrives on the plain HTTP connector with a redirect to HTTPS (F5). */
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
        response.sendRedirect(redirect.location(request.getHeader("Host"), https.getLocalPort(), request.getRequestURI(),
                request.getQueryString()), redirect.status());
    }
}
