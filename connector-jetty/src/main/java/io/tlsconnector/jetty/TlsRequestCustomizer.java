package io.tlsconnector.jetty;

import java.util.Set;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

/**
 * Adds what Jetty's own {@code SecureRequestCustomizer} leaves out: the negotiated protocol under the
 * Servlet name Tomcat also sets, and the virtual host the SNI name selected. Jetty's customizer still
 * provides the standard {@code jakarta.servlet.request.*} certificate and cipher attributes.
 */
public final class TlsRequestCustomizer implements HttpConfiguration.Customizer {
    /** The negotiated protocol, e.g. {@code TLSv1.3} (set by Tomcat, not by Jetty's ee10). */
    public static final String SECURE_PROTOCOL = "jakarta.servlet.request.secure_protocol";
    /** The server name of the virtual host that served the connection. */
    public static final String VIRTUAL_HOST = "io.tlsconnector.virtual_host";
    /** The SNI name the client sent, absent when it sent none. */
    public static final String SNI = "io.tlsconnector.sni";

    private static final Set<String> NAMES = Set.of(SECURE_PROTOCOL, VIRTUAL_HOST, SNI);

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof SslConnection.SslEndPoint sslEndPoint)
                || !(sslEndPoint.getSslConnection() instanceof RoutedSslConnection tls)) {
            return request;
        }
        return new Request.AttributesWrapper(request, new Attributes.Synthetic(request) {
            @Override
            protected Object getSyntheticAttribute(String name) {
                return switch (name) {
                    case SECURE_PROTOCOL -> tls.getSSLEngine().getSession().getProtocol();
                    case VIRTUAL_HOST -> tls.host().serverName();
                    case SNI -> tls.clientHello() == null ? null : tls.clientHello().serverName();
                    default -> null;
                };
            }

            @Override
            protected Set<String> getSyntheticNameSet() {
                return NAMES;
            }
        });
    }
}
