package io.tlsconnector.jetty;

import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

import io.tlsconnector.engine.HostContext;
import io.tlsconnector.engine.TlsRequestAttributes;

/**
 * Adds the connector's {@link TlsRequestAttributes} to what Jetty's own {@code SecureRequestCustomizer}
 * provides (the standard {@code jakarta.servlet.request.*} certificate and cipher attributes).
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
                    String sni = tls.clientHello() == null ? null : tls.clientHello().serverName();
                    attributes = TlsRequestAttributes.of(tls.host(), sni, tls.getSSLEngine().getSession(),
                            HostContext.resumed(tls.getSSLEngine()));
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
