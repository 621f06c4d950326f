package io.tlsconnector.tomcat;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

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
            Map<String, Object> attributes = outcome.attributes();
            Set<String> deferred = outcome.deferredAttributes();
            for (String name : attributes.keySet()) {
                if (!deferred.contains(name)) {
                    request.setAttribute(name, attributes.get(name));
                }
            }
            if (!deferred.isEmpty()) {
                request.setRequest(new DeferredAttributesRequest(request.getRequest(), attributes, deferred));
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

    /**
     * The request with the attributes that are computed only when read (the SslVariables object): Tomcat's request
     * has no lazy attributes, so the application's request answers for them until it reads or replaces one.
     */
    private static final class DeferredAttributesRequest extends HttpServletRequestWrapper {
        private final Map<String, Object> attributes;
        private final Set<String> deferred;
        /** The deferred names read, set or removed since: the request itself answers for them. */
        private Set<String> settled;

        DeferredAttributesRequest(HttpServletRequest request, Map<String, Object> attributes, Set<String> deferred) {
            super(request);
            this.attributes = attributes;
            this.deferred = deferred;
        }

        private boolean pending(String name) {
            return deferred.contains(name) && (settled == null || !settled.contains(name));
        }

        private void settle(String name) {
            if (settled == null) {
                settled = new HashSet<>();
            }
            settled.add(name);
        }

        @Override
        public synchronized Object getAttribute(String name) {
            if (pending(name)) {
                settle(name);
                // Computed once, then on the request itself for whoever reads it later (valves included).
                super.setAttribute(name, attributes.get(name));
            }
            return super.getAttribute(name);
        }

        @Override
        public synchronized Enumeration<String> getAttributeNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
            for (String name : deferred) {
                if (pending(name)) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }

        @Override
        public synchronized void setAttribute(String name, Object value) {
            if (deferred.contains(name)) {
                settle(name);
            }
            super.setAttribute(name, value);
        }

        @Override
        public synchronized void removeAttribute(String name) {
            if (deferred.contains(name)) {
                settle(name);
            }
            super.removeAttribute(name);
        }
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
