package io.tlsconnector.jetty;

import org.eclipse.jetty.server.Request;

import io.tlsconnector.http.RequestView;

/** A Jetty core request as the path rules' SSLRequire expressions read it, before the servlet layer. */
final class JettyRequestView implements RequestView {
    private final Request request;

    JettyRequestView(Request request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String scheme() {
        return request.getHttpURI().getScheme();
    }

    @Override
    public String uri() {
        return request.getHttpURI().getPath();
    }

    @Override
    public String query() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String remoteAddr() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public int remotePort() {
        return Request.getRemotePort(request);
    }

    @Override
    public String remoteUser() {
        return null;
    }

    @Override
    public String authType() {
        return null;
    }

    @Override
    public String serverName() {
        return Request.getServerName(request);
    }

    @Override
    public int serverPort() {
        return Request.getServerPort(request);
    }

    @Override
    public String protocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public String pathInfo() {
        return null;
    }
}
