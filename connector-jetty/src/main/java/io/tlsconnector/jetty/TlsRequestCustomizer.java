package io.tlsconnector.jetty;

import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

import io.tlsconnector.vars.TlsConnection;

/**
 * Adds the connector's request attributes ({@link TlsConnection#requestAttributes}: the virtual host,
 * the SNI name, the negotiated protocol, mod_ssl's SSL_* variables and the
 * {@link io.tlsconnector.vars.SslVariables} object) to what Jetty's own {@code SecureRequestCustomizer}
 * provides. They are computed on first access, once per TLS session.
 */
public final class TlsRequestCustomizer implements HttpConfiguration.Customizer {
    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof SslConnection.SslEndPoint sslEndPoint)
                || !(sslEndPoint.getSslConnection() instanceof RoutedSslConnection tls)) {
            return request;
        }
        return new Request.AttributesWrapper(request, new Attributes.Synthetic(request) {
            private Map<String, Object> attributes;

            private Map<String, Object> attributes() {
                if (attributes == null) {
                    attributes = tls.tlsConnection().requestAttributes(tls.getSSLEngine().getSession());
                }
                return attributes;
            }

            @Override
            protected Object getSyntheticAttribute(String name) {
                return attributes().get(name);
            }

            @Override
            protected Set<String> getSyntheticNameSet() {
                return attributes().keySet();
            }
        });
    }
}
