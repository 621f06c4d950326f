package io.tlsconnector.tomcat;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.net.SSLSupport;


/**
 * Puts the TLS connector's request attributes (the virtual host, the SNI name, mod_ssl's SSL_*
 * variables the host's SslOptions export, and the {@link io.tlsconnector.vars.SslVariables} object)
 * on every request that arrived through a {@link TlsNioProtocol} connector; requests of other
 * connectors pass untouched. Tomcat itself sets the standard {@code jakarta.servlet.request.*}
 * attributes. The variables are computed once per TLS session.
 */
public final class TlsAttributesValve extends ValveBase {
    public TlsAttributesValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getConnector().getProtocolHandler() instanceof TlsNioProtocol
                && request.getAttribute(SSLSupport.SESSION_MGR) instanceof ConnectorSslImplementation.SessionSupport support
                && support.connection() != null) {
            for (Map.Entry<String, Object> attribute : support.connection().requestAttributes(support.session()).entrySet()) {
                request.setAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        getNext().invoke(request, response);
    }
}
