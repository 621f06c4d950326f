package io.tlsconnector.jetty;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

import io.tlsconnector.vars.SslVariables;

/**
 * Puts mod_ssl's {@code SSL_*} variables on every TLS request (F10): the ones the virtual host's
 * {@link io.tlsconnector.config.SslOption}s export, each as a String attribute of its exact mod_ssl
 * name ({@code HTTPS}, {@code SSL_PROTOCOL}, {@code SSL_CLIENT_S_DN_CN}, ...), and always the
 * {@link SslVariables} object itself under {@value SslVariables#ATTRIBUTE}. The variables are
 * computed once per connection's TLS session, not per request.
 */
public final class SslVariablesCustomizer implements HttpConfiguration.Customizer {
    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof SslConnection.SslEndPoint sslEndPoint)
                || !(sslEndPoint.getSslConnection() instanceof RoutedSslConnection tls)) {
            return request;
        }
        SslVariables variables = tls.sslVariables();
        Map<String, String> exported = variables.exported();
        return new Request.AttributesWrapper(request, new Attributes.Synthetic(request) {
            private Set<String> names;

            @Override
            protected Object getSyntheticAttribute(String name) {
                return SslVariables.ATTRIBUTE.equals(name) ? variables : exported.get(name);
            }

            @Override
            protected Set<String> getSyntheticNameSet() {
                if (names == null) {
                    Set<String> all = new HashSet<>(exported.keySet());
                    all.add(SslVariables.ATTRIBUTE);
                    names = all;
                }
                return names;
            }
        });
    }
}
