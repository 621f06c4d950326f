package io.tlsconnector.jetty;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

import io.tlsconnector.spi.RequestPipeline;
import io.tlsconnector.vars.TlsRequestAttributes;

/**
 * Adds the connector's request attributes ({@link io.tlsconnector.vars.ConnectionRecord#requestAttributes}:
 * the virtual host, the SNI name, the negotiated protocol, mod_ssl's SSL_* variables and the
 * {@link io.tlsconnector.vars.SslVariables} object, computed once per TLS session) to what Jetty's own
 * {@code SecureRequestCustomizer} provides, and applies the {@link RequestPipeline}: strict SNI (F31),
 * HSTS (F5), client quirks (F34), the virtual host's path rules (F13), FakeBasicAuth and SSLUserName (F33).
 */
public final class TlsRequestCustomizer implements HttpConfiguration.Customizer {
    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof SslConnection.SslEndPoint sslEndPoint)
                || !(sslEndPoint.getSslConnection() instanceof RoutedSslConnection tls)) {
            return request;
        }
        RequestPipeline.Outcome outcome = RequestPipeline.process(tls.pipeline(), tls.getSSLEngine().getSession(),
                new RequestPipeline.Request(request.getHttpURI().getHost(), request.getHeaders().get(HttpHeader.USER_AGENT),
                        request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2,
                        String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress()),
                        request.getHttpURI().getDecodedPath(), request.getHeaders().get(HttpHeader.AUTHORIZATION),
                        new JettyRequestView(request)));
        outcome.headers().forEach(responseHeaders::put);
        if (outcome.refused()) {
            throw new HttpException.RuntimeException(outcome.status(), outcome.reason());
        }
        Request customized = outcome.downgradeToHttp10() ? new Http10Request(request) : request;
        if (outcome.authorization() != null) {
            customized = new AuthorizedRequest(customized, outcome.authorization());
        }
        Optional<String> sslUser = outcome.remoteUser();
        return new Request.AttributesWrapper(customized, new Attributes.Synthetic(customized) {
            private Map<String, Object> attributes;

            private Map<String, Object> attributes() {
                if (attributes == null) {
                    attributes = outcome.attributes();
                    if (sslUser.isPresent()) {
                        attributes = new java.util.HashMap<>(attributes);
                        attributes.put(SslRemoteUser.ATTRIBUTE, SslRemoteUser.state(sslUser.get(), null));
                    }
                }
                return attributes;
            }

            @Override
            protected Object getSyntheticAttribute(String name) {
                if (EndPoint.SslSessionData.ATTRIBUTE.equals(name) && attributes().containsKey(TlsRequestAttributes.SSL_SESSION_ID)
                        && getWrapped().getAttribute(name) instanceof EndPoint.SslSessionData jetty) {
                    // Jetty's servlet layer reads the session id from here; the engine's session has none (TLS 1.3 on BoringSSL).
                    return EndPoint.SslSessionData.withSslSessionId(jetty, (String) attributes().get(TlsRequestAttributes.SSL_SESSION_ID));
                }
                return attributes().get(name);
            }

            @Override
            public Object getAttribute(String name) {
                if (sslUser.isPresent() && SslRemoteUser.ATTRIBUTE.equals(name)) {
                    // Where the servlet layer reads the remote user from: SSLUserName's name wins over the one the security
                    // handler set afterwards, as mod_ssl sets the user after authentication (F33); its roles stay.
                    return SslRemoteUser.state(sslUser.get(), super.getAttribute(name));
                }
                return super.getAttribute(name);
            }

            @Override
            protected Set<String> getSyntheticNameSet() {
                return attributes().keySet();
            }
        });
    }

    /** The request with the Authorization header FakeBasicAuth synthesised (F33). */
    private static final class AuthorizedRequest extends Request.Wrapper {
        private final HttpFields headers;

        AuthorizedRequest(Request wrapped, String authorization) {
            super(wrapped);
            this.headers = HttpFields.build(wrapped.getHeaders()).put(HttpHeader.AUTHORIZATION, authorization).asImmutable();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }

    /** The request as the application sees it under httpd's downgrade-1.0. */
    private static final class Http10Request extends Request.Wrapper {
        private final ConnectionMetaData metaData;

        Http10Request(Request wrapped) {
            super(wrapped);
            this.metaData = new ConnectionMetaData.Wrapper(wrapped.getConnectionMetaData()) {
                @Override
                public HttpVersion getHttpVersion() {
                    return HttpVersion.HTTP_1_0;
                }

                @Override
                public String getProtocol() {
                    return HttpVersion.HTTP_1_0.asString();
                }
            };
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return metaData;
        }
    }
}
