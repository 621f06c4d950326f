package io.tlsconnector.tomcat;

import java.io.IOException;
import java.util.Map;

import javax.net.ssl.SSLSession;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.net.SSLSupport;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.engine.HostContext;
import io.tlsconnector.engine.TlsRequestAttributes;

/**
 * Puts the TLS connector's request attributes on every request that arrived through a
 * {@link TlsNioProtocol} connector; requests of other connectors pass untouched. Tomcat itself sets
 * the standard {@code jakarta.servlet.request.*} attributes.
 */
public final class TlsAttributesValve extends ValveBase {
    public TlsAttributesValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getConnector().getProtocolHandler() instanceof TlsNioProtocol protocol
                && request.getAttribute(SSLSupport.SESSION_MGR) instanceof ConnectorSslImplementation.SessionSupport support) {
            TlsRuntime runtime = protocol.runtime();
            SSLSession session = support.session();
            String sni = TlsRequestAttributes.requestedServerName(session);
            HostContext host = runtime.hostFor(sni);
            for (Map.Entry<String, Object> attribute : TlsRequestAttributes.of(host, sni, session, support.resumed()).entrySet()) {
                request.setAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        getNext().invoke(request, response);
    }
}
