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

import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.http.FakeBasicAuth;
import io.tlsconnector.http.PathPolicy;
import io.tlsconnector.http.RequestView;
import io.tlsconnector.http.RequestPolicy;
import io.tlsconnector.http.SslUserName;
import io.tlsconnector.vars.ConnectionRecord;

/**
 * Puts the TLS connector's request attributes (the virtual host, the SNI name, mod_ssl's SSL_*
 * variables the host's SslOptions export, and the {@link io.tlsconnector.vars.SslVariables} object,
 * computed once per TLS session) on every request that arrived through a {@link TlsNioProtocol}
 * connector and applies the {@link RequestPolicy} (strict SNI, HSTS, client quirks), the path rules
 * ({@link PathPolicy}) and {@link FakeBasicAuth}
 * (F33); requests of
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
            ConnectionRecord connection = support.connection();
            if (connection == null) {
                getNext().invoke(request, response);
                return;
            }
            RequestPolicy.Decision decision = RequestPolicy.decide(protocol.runtime(), connection.host(), connection.sni(),
                    request.getServerName(),
                    request.getHeader("User-Agent"), "HTTP/2.0".equals(request.getProtocol()), request.getRemoteAddr());
            if (decision.refused()) {
                refuse(response, decision.status(), decision.reason());
                return;
            }
            decision.headers().forEach(response::setHeader);
            if (decision.has(ClientQuirk.DOWNGRADE_1_0)) {
                request.getCoyoteRequest().protocol().setString("HTTP/1.0");
            }
            if (decision.has(ClientQuirk.SSL_UNCLEAN_SHUTDOWN)) {
                support.uncleanShutdown();
            }
            PathPolicy.Decision path = PathPolicy.decide(connection, support.session(), decision.host(),
                    request.getDecodedRequestURI(), RequestView.of(request));
            if (path.refused()) {
                refuse(response, path.status(), path.reason());
                return;
            }
            FakeBasicAuth.Decision fakeBasicAuth = FakeBasicAuth.decide(connection, support.session(),
                    request.getHeader("Authorization"), path.options());
            if (fakeBasicAuth.refused()) {
                response.sendError(FakeBasicAuth.FORBIDDEN);
                return;
            }
            if (fakeBasicAuth.authorization() != null) {
                request.getCoyoteRequest().getMimeHeaders().setValue("Authorization").setString(fakeBasicAuth.authorization());
            }
            for (Map.Entry<String, Object> attribute : connection.requestAttributes(support.session(), path.options()).entrySet()) {
                request.setAttribute(attribute.getKey(), attribute.getValue());
            }
            // SSLUserName (F33): the application sees the variable as its remote user; the authenticators still see the
            // request as it came, so it authenticates no one (mod_ssl sets r->user after authentication, too).
            SslUserName.of(connection, support.session()).ifPresent(user -> request.setRequest(new SslUserRequest(request.getRequest(), user)));
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
