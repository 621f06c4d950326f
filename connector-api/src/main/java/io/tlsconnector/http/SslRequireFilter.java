package io.tlsconnector.http;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.SslOption;
import io.tlsconnector.vars.TlsRequestAttributes;
import io.tlsconnector.vars.SslVariables;
import io.tlsconnector.expression.SslExpression;

/**
 * mod_ssl's {@code SSLRequire} (and {@code Require expr}) as a servlet filter for any container: a request
 * passes only when every expression holds over its {@code SSL_*} variables and request data (see
 * {@link SslExpression}); otherwise it is answered with 403 Forbidden. Expressions are parsed when the
 * filter is made or initialised, so a mistake stops the start-up with its position.
 *
 * <p>As httpd's {@code Satisfy Any}, {@code satisfyAny} lets a request through that the container has
 * already authenticated (it has a remote user) although an expression denies it, unless the virtual host
 * has {@link SslOption#STRICT_REQUIRE}, which makes every denial final. Init parameters (web.xml):
 * {@code expression} (one per line, all must hold) and {@code satisfyAny} ({@code true}/{@code false}).
 */
public final class SslRequireFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(SslRequireFilter.class);

    private List<SslExpression> expressions;
    private boolean satisfyAny;

    /** For web.xml: the expressions come from the {@code expression} init parameter. */
    public SslRequireFilter() {
        this.expressions = List.of();
    }

    /**
     * @throws IllegalArgumentException when an expression cannot be parsed, naming the position
     */
    public SslRequireFilter(String... expressions) {
        this(false, expressions);
    }

    /** As {@link #SslRequireFilter(String...)}, with httpd's {@code Satisfy Any} when {@code satisfyAny}. */
    public SslRequireFilter(boolean satisfyAny, String... expressions) {
        this.expressions = parseAll(List.of(expressions));
        this.satisfyAny = satisfyAny;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String parameter = config.getInitParameter("expression");
        if (parameter != null) {
            List<String> lines = new ArrayList<>();
            for (String line : parameter.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            try {
                expressions = parseAll(lines);
            } catch (IllegalArgumentException e) {
                throw new ServletException("SslRequireFilter '" + config.getFilterName() + "': " + e.getMessage(), e);
            }
        }
        if (config.getInitParameter("satisfyAny") != null) {
            satisfyAny = Boolean.parseBoolean(config.getInitParameter("satisfyAny").strip());
        }
        if (expressions.isEmpty()) {
            throw new ServletException("SslRequireFilter '" + config.getFilterName() + "' has no expression; set the init"
                    + " parameter 'expression', e.g. %{SSL_CLIENT_VERIFY} == \"SUCCESS\".");
        }
    }

    private static List<SslExpression> parseAll(List<String> sources) {
        return sources.stream().map(SslExpression::parse).toList();
    }

    /** The expressions, as written. */
    public List<String> expressions() {
        return expressions.stream().map(SslExpression::toString).toList();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        SslVariables variables = request.getAttribute(SslVariables.ATTRIBUTE) instanceof SslVariables v ? v : null;
        LocalDateTime now = LocalDateTime.now();
        X509Certificate client = clientCertificate(request, variables);
        RequestView view = RequestView.of(request);
        for (SslExpression expression : expressions) {
            String denial = denial(expression, view, variables, now, client);
            if (denial != null) {
                boolean strict = variables != null && variables.hasOption(SslOption.STRICT_REQUIRE);
                if (satisfyAny && !strict && request.getRemoteUser() != null) {
                    log.debug("SSLRequire '{}' denied {}, but user '{}' is authenticated (satisfyAny)", expression,
                            request.getRequestURI(), request.getRemoteUser());
                    break;
                }
                log.info("Access to {} denied: {}", request.getRequestURI(), denial);
                ((HttpServletResponse) res).sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /**
     * Why {@code expression} denies the request, or null when it holds; shared with the connector's own path
     * rules ({@link PathPolicy}). As mod_ssl, an expression that cannot be evaluated (file() cannot read its
     * file...) denies.
     */
    static String denial(SslExpression expression, RequestView request, SslVariables variables, LocalDateTime now,
                         X509Certificate client) {
        try {
            return expression.evaluate(name -> variable(request, variables, now, name), client) ? null
                    : "requirement expression not fulfilled: " + expression;
        } catch (IllegalStateException e) {
            return "requirement expression could not be evaluated: " + e.getMessage();
        }
    }

    private static X509Certificate clientCertificate(HttpServletRequest request, SslVariables variables) {
        if (variables != null && variables.clientCertificate().isPresent()) {
            return variables.clientCertificate().get();
        }
        return request.getAttribute(TlsRequestAttributes.CLIENT_CERTIFICATES) instanceof X509Certificate[] chain
                && chain.length > 0 ? chain[0] : null;
    }

    /** What {@code %{name}} is for this request; "" when unset. */
    static String variable(HttpServletRequest request, SslVariables ssl, LocalDateTime now, String name) {
        return variable(RequestView.of(request), ssl, now, name);
    }

    /** What {@code %{name}} is for this request; "" when unset. */
    static String variable(RequestView request, SslVariables ssl, LocalDateTime now, String name) {
        if (name.startsWith("SSL:")) {
            name = name.substring(4);
        }
        if (name.startsWith("SSL_")) {
            return ssl == null ? "" : ssl.get(name).orElse("");
        }
        if (name.startsWith("HTTP:")) {
            return request.header(name.substring(5));
        }
        if (name.startsWith("HTTP_")) {
            return request.header(name.substring(5).replace('_', '-'));
        }
        return switch (name) {
            case "HTTPS" -> ssl != null ? "on" : "off";
            case "REQUEST_METHOD" -> request.method();
            case "REQUEST_SCHEME" -> request.scheme();
            case "REQUEST_URI" -> request.uri();
            case "QUERY_STRING" -> request.query();
            case "REMOTE_ADDR" -> request.remoteAddr();
            case "REMOTE_PORT" -> Integer.toString(request.remotePort());
            case "REMOTE_USER" -> request.remoteUser();
            case "AUTH_TYPE" -> request.authType();
            case "SERVER_NAME" -> request.serverName();
            case "SERVER_PORT" -> Integer.toString(request.serverPort());
            case "SERVER_PROTOCOL" -> request.protocol();
            case "PATH_INFO" -> request.pathInfo();
            case "TIME" -> String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d", now.getYear(), now.getMonthValue(),
                    now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond());
            case "TIME_YEAR" -> String.format(Locale.ROOT, "%04d", now.getYear());
            case "TIME_MON" -> String.format(Locale.ROOT, "%02d", now.getMonthValue());
            case "TIME_DAY" -> String.format(Locale.ROOT, "%02d", now.getDayOfMonth());
            case "TIME_HOUR" -> String.format(Locale.ROOT, "%02d", now.getHour());
            case "TIME_MIN" -> String.format(Locale.ROOT, "%02d", now.getMinute());
            case "TIME_SEC" -> String.format(Locale.ROOT, "%02d", now.getSecond());
            case "TIME_WDAY" -> Integer.toString(now.getDayOfWeek().getValue() % 7);
            default -> "";
        };
    }
}
