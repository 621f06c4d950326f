package io.tlsconnector.http;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.vars.SslVariables;
import io.tlsconnector.vars.ConnectionRecord;
import io.tlsconnector.expression.SslExpression;
import io.tlsconnector.internal.engine.RateLimit;

/**
 * Applies a virtual host's {@link PathRule}s to one request, the same way for every adapter: the SslOptions
 * in force for its path, and whether its rules let it in (mod_ssl's access check, F13). A request a rule
 * denies is answered with 403, as httpd does; the adapter only applies the {@link Decision}.
 */
public final class PathPolicy {
    private static final Logger log = LoggerFactory.getLogger(PathPolicy.class);
    /** One INFO line per client and rule per minute. */
    private static final RateLimit DENIALS = new RateLimit(Duration.ofMinutes(1), 4096);

    /** httpd answers a request its access rules deny with 403. */
    public static final int FORBIDDEN = 403;

    private PathPolicy() {
    }

    /**
     * @param status  0 to let the request through, else 403
     * @param reason  why it is refused; null when it is not
     * @param options the SslOptions in force for the request's path
     */
    public record Decision(int status, String reason, Set<SslOption> options) {
        public boolean refused() {
            return status != 0;
        }
    }

    /**
     * @param connection the request's TLS connection
     * @param session    its current TLS session
     * @param requested  the virtual host the request is for (the request pipeline resolves it from the Host header): its rules
     *                   apply, as httpd picks the sections of the virtual host the request is for
     * @param path       the decoded request path, without the query
     * @param request    what SSLRequire expressions can read of the request
     */
    public static Decision decide(ConnectionRecord connection, SSLSession session, LoadedHost requested, String path,
                                  RequestView request) {
        VirtualHost host = requested.virtualHost();
        List<PathRule> rules = host.pathRules();
        if (rules.isEmpty()) {
            return new Decision(0, null, connection.host().virtualHost().options());
        }
        Set<SslOption> options = host.options();
        List<PathRule> matched = new ArrayList<>();
        for (PathRule rule : rules) {
            if (rule.matches(path == null ? "/" : path)) {
                matched.add(rule);
                options = rule.applyOptions(options);
            }
        }
        if (matched.isEmpty()) {
            return new Decision(0, null, options);
        }
        SslVariables variables = connection.sslVariables(session, options);
        PathRule deciding = null;
        for (PathRule rule : matched) {
            if (rule.access() != PathRule.Access.UNSTATED) {
                deciding = rule;
            }
        }
        if (deciding != null) {
            String denial = switch (deciding.access()) {
                case DENIED -> "Require all denied";
                case VERIFIED_CLIENT -> unverified(variables);
                default -> null;
            };
            if (denial != null) {
                return denied(path, request, denial, deciding, options);
            }
        }
        for (PathRule rule : matched) {
            String denial = rule.requiresVerifiedClient() ? unverified(variables) : null;
            if (denial == null) {
                denial = unfulfilled(rule, variables, request);
            }
            if (denial != null) {
                return denied(path, request, denial, rule, options);
            }
        }
        return new Decision(0, null, options);
    }

    private static Decision denied(String path, RequestView request, String denial, PathRule rule, Set<SslOption> options) {
        String reason = "Access to " + path + " denied for " + request.remoteAddr() + " (" + denial + "; " + rule + ")";
        if (DENIALS.permit(request.remoteAddr() + " " + rule)) {
            log.info("{}", reason);
        }
        return new Decision(FORBIDDEN, reason, options);
    }

    private static String unverified(SslVariables variables) {
        String verify = variables.get("SSL_CLIENT_VERIFY").orElse("NONE");
        return "SUCCESS".equals(verify) ? null : "a verified client certificate is required, SSL_CLIENT_VERIFY is " + verify;
    }

    private static String unfulfilled(PathRule rule, SslVariables variables, RequestView request) {
        LocalDateTime now = LocalDateTime.now();
        X509Certificate client = variables.clientCertificate().orElse(null);
        for (SslExpression expression : rule.requirements()) {
            String denial = SslRequireFilter.denial(expression, request, variables, now, client);
            if (denial != null) {
                return denial;
            }
        }
        return null;
    }
}
