package io.tlsconnector.jetty;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import io.tlsconnector.spi.RequestPipeline;

/**
 * The server's error handler, with the HSTS header on error responses of the TLS connectors. Jetty
 * writes the answer to a request a customizer refuses (403 of a path rule, 421, 400) as a fresh error
 * response that keeps no header the customizer added, where httpd's {@code Header always} sends it on
 * every response (F5).
 */
final class TlsErrorHandler implements Request.Handler {
    private final Request.Handler delegate;

    TlsErrorHandler(Request.Handler delegate) {
        this.delegate = delegate != null ? delegate : new ErrorHandler();
    }

    /** Wraps the server's error handler once. */
    static void install(org.eclipse.jetty.server.Server server) {
        if (!(server.getErrorHandler() instanceof TlsErrorHandler)) {
            server.setErrorHandler(new TlsErrorHandler(server.getErrorHandler()));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint ssl && ssl.getSslConnection() instanceof RoutedSslConnection tls
                && !response.getHeaders().contains(HttpHeader.STRICT_TRANSPORT_SECURITY)) {
            String hsts = RequestPipeline.hstsHeader(tls.pipeline(), request.getHttpURI().getHost());
            if (hsts != null) {
                response.getHeaders().put(HttpHeader.STRICT_TRANSPORT_SECURITY, hsts);
            }
        }
        return delegate.handle(request, response, callback);
    }
}
