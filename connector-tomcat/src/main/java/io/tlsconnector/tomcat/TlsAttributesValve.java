package io.tlsconnector.tomcat;

import java.io.IOException;
import java.util.Map;

import javax.net.ssl.SSLSession;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.net.SSLSupport;

import io.tlsconnector.http.RequestView;
import io.tlsconnector.spi.ConnectionPipeline;
import io.tlsconnector.spi.RequestPipeline;

/**
 * Puts the TLS connector's request attributes (the virtual host, the SNI name, mod_ssl's SSL_*
 * variables the host's SslOptions export, and the {@link io.tlsconnector.vars.SslVariables} object,
 * computed once per TLS session) on every request that arrived through a {@link TlsNioProtocol}
 * connector and applies the {@link RequestPipeline} (strict SNI, HSTS, client quirks, the path rules,
 * FakeBasicAuth and SSLUserName, F33); requests of
 * other connectors pass untouched. Tomcat itself sets the standard {@code jakarta.servlet.request.*}
 * attributes.
 */
public final class TlsAttributesValve extends ValveBase {
    public TlsAttributesValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getConnector().getProtocolHandler() instanceof TlsNioProtocol protocol
                && request.getAttribute(SSLSupport.SESSION_MGR) instanceof ConnectorSslImplementation.SessionSupport support) {
            ConnectionPipeline connection = support.connection();
            if (connection == null) {
                getNext().invoke(request, response);
                return;
            }
            RequestPipeline.Outcome outcome = RequestPipeline.process(connection, support.session(),
                    new RequestPipeline.Request(request.getServerName(), request.getHeader("User-Agent"),
                            "HTTP/2.0".equals(request.getProtocol()), request.getRemoteAddr(), request.getDecodedRequestURI(),
                            request.getHeader("Authorization"), RequestView.of(request)));
            outcome.headers().forEach(response::setHeader);
            if (outcome.refused()) {
                refuse(response, outcome.status(), outcome.reason());
                return;
            }
            if (outcome.downgradeToHttp10()) {
                request.getCoyoteRequest().protocol().setString("HTTP/1.0");
            }
            if (outcome.authorization() != null) {
                request.getCoyoteRequest().getMimeHeaders().setValue("Authorization").setString(outcome.authorization());
            }
            for (Map.Entry<String, Object> attribute : outcome.attributes().entrySet()) {
                request.setAttribute(attribute.getKey(), attribute.getValue());
            }
            // SSLUserName (F33): the application sees the variable as its remote user; the authenticators still see the
            // request as it came, so it authenticates no one (mod_ssl sets r->user after authentication, too).
            outcome.remoteUser().ifPresent(user -> request.setRequest(new SslUserRequest(request.getRequest(), user)));
        }
        getNext().invoke(request, response);
    }

    /** This valve runs before the host's error page valve, so the short body naming the reason is written here. */
    private static void refuse(Response response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(reason);
    }

    /** The request as the application sees it under SSLUserName. */
    private static final class SslUserRequest extends HttpServletRequestWrapper {
        private final java.security.Principal user;

        SslUserRequest(HttpServletRequest request, String user) {
            super(request);
            this.user = () -> user;
        }

        @Override
        public String getRemoteUser() {
            return user.getName();
        }

        @Override
        public java.security.Principal getUserPrincipal() {
            return user;
        }
    }
}
