package io.tlsconnector.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLSession;

import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.http.FakeBasicAuth;
import io.tlsconnector.http.PathPolicy;
import io.tlsconnector.http.RequestView;
import io.tlsconnector.http.SslUserName;
import io.tlsconnector.vars.ConnectionRecord;

/**
 * What happens to one HTTPS request before the application sees it, in the same order for every adapter:
 * the strict SNI and host-compatibility checks (F30, F31), the HSTS header (F5), the client quirks (F34), the
 * virtual host's path rules (F13), FakeBasicAuth and SSLUserName (F33) and the request attributes. The adapter
 * translates its container's request into a {@link Request} and applies the {@link Outcome}: the headers
 * always, then either the refusal or the changes.
 */
public final class RequestPipeline {
    private RequestPipeline() {
    }

    /**
     * @param hostHeader    the Host header (or HTTP/2 {@code :authority}), possibly with a port; may be null
     * @param userAgent     the User-Agent header, or null
     * @param http2         true for an HTTP/2 request (no client quirks, no connection headers)
     * @param client        the peer's address, for rate-limited logs; may be null
     * @param decodedPath   the decoded request path, without the query
     * @param authorization the request's Authorization header, or null
     * @param view          what SSLRequire expressions of the path rules read of the request
     */
    public record Request(String hostHeader, String userAgent, boolean http2, String client, String decodedPath,
                          String authorization, RequestView view) {
    }

    /** What the adapter does with a request. */
    public static final class Outcome {
        private final int status;
        private final String reason;
        private final Map<String, String> headers;
        private final boolean downgradeToHttp10;
        private final String authorization;
        private final Optional<String> remoteUser;
        private final ConnectionPipeline connection;
        private final SSLSession session;
        private final PathPolicy.Decision path;
        private Map<String, Object> attributes;

        private Outcome(int status, String reason, Map<String, String> headers, boolean downgradeToHttp10, String authorization,
                        Optional<String> remoteUser, ConnectionPipeline connection, SSLSession session, PathPolicy.Decision path) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.downgradeToHttp10 = downgradeToHttp10;
            this.authorization = authorization;
            this.remoteUser = remoteUser;
            this.connection = connection;
            this.session = session;
            this.path = path;
        }

        /** True when the request is answered with {@link #status()} and {@link #reason()} instead of the application. */
        public boolean refused() {
            return status != 0;
        }

        /** 0 to let the request through, else 400, 403 or 421. */
        public int status() {
            return status;
        }

        /** Why the request is refused, for the short answer body; null when it is not. */
        public String reason() {
            return reason;
        }

        /** Response headers to add, refusals included (HSTS as httpd's {@code Header always}, {@code Connection: close}). */
        public Map<String, String> headers() {
            return headers;
        }

        /** httpd's downgrade-1.0: the application sees the request as HTTP/1.0. */
        public boolean downgradeToHttp10() {
            return downgradeToHttp10;
        }

        /** The Authorization header FakeBasicAuth synthesised, or null to leave the request's own. */
        public String authorization() {
            return authorization;
        }

        /** The remote user SSLUserName names, or empty to leave it to the container. */
        public Optional<String> remoteUser() {
            return remoteUser;
        }

        /** The request attributes (virtual host, SNI, SSL_* variables...), computed on first use. */
        public synchronized Map<String, Object> attributes() {
            if (attributes == null) {
                attributes = connection.record().requestAttributes(session, path.options());
            }
            return attributes;
        }

        /**
         * The names among {@link #attributes()} whose value is computed only when read (the SslVariables object, tens
         * of KB, when nothing beyond HTTPS and SSL_TLS_SNI is exported). An adapter that copies the attributes onto
         * its container's request skips these and serves them from a request wrapper; empty when all are computed.
         */
        public Set<String> deferredAttributes() {
            return ConnectionRecord.deferredAttributes(attributes());
        }
    }

    /**
     * Runs the request pipeline for a request on {@code connection}, whose TLS session is {@code session}. The
     * ssl-unclean-shutdown quirk is applied to the connection here.
     */
    public static Outcome process(ConnectionPipeline connection, SSLSession session, Request request) {
        RequestPolicy.Decision decision = RequestPolicy.decide(connection.runtime(), connection.host(), connection.sni(),
                request.hostHeader(), request.userAgent(), request.http2(), request.client());
        if (decision.refused()) {
            return refusal(decision.status(), decision.reason(), decision.headers());
        }
        if (decision.has(ClientQuirk.SSL_UNCLEAN_SHUTDOWN)) {
            connection.uncleanShutdown();
        }
        PathPolicy.Decision path = PathPolicy.decide(connection.record(), session, decision.host(), request.decodedPath(), request.view());
        if (path.refused()) {
            return refusal(path.status(), path.reason(), decision.headers());
        }
        FakeBasicAuth.Decision fakeBasicAuth = FakeBasicAuth.decide(connection.record(), session, request.authorization(), path.options());
        if (fakeBasicAuth.refused()) {
            return refusal(FakeBasicAuth.FORBIDDEN, "A forged FakeBasicAuth header (a certificate DN as user name, with FakeBasicAuth's"
                    + " password) is refused; send no Authorization header and let the client certificate speak", decision.headers());
        }
        return new Outcome(0, null, decision.headers(), decision.has(ClientQuirk.DOWNGRADE_1_0), fakeBasicAuth.authorization(),
                SslUserName.of(connection.record(), session), connection, session, path);
    }

    private static Outcome refusal(int status, String reason, Map<String, String> headers) {
        return new Outcome(status, reason, headers, false, null, Optional.empty(), null, null, null);
    }

    /**
     * The Strict-Transport-Security value for a response on {@code connection} to a request for {@code hostHeader};
     * null for none. For error pages the container writes itself, which keep no header the pipeline added.
     */
    public static String hstsHeader(ConnectionPipeline connection, String hostHeader) {
        return RequestPolicy.hstsHeader(connection.runtime(), connection.host(), hostHeader);
    }
}
