package io.tlsconnector.expression;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A boolean expression in mod_ssl's {@code SSLRequire} / {@code Require expr} syntax (the ap_expr subset
 * access rules use): comparisons {@code ==} {@code eq} {@code !=} {@code ne}, {@code <} {@code lt}
 * {@code <=} {@code le} {@code >} {@code gt} {@code >=} {@code ge} (SSLRequire's order: the shorter
 * string is the smaller, equal lengths compare lexically, so numbers compare as numbers), integer
 * comparisons {@code -eq -ne -lt -le -gt -ge}, regular expressions {@code =~ /re/} and {@code !~ /re/}
 * (also {@code m#re#}, flag {@code i}), lists {@code word in {"a", "b"}} and {@code -in}, {@code and}
 * {@code &&} {@code or} {@code ||} {@code !} {@code not}, parentheses, {@code true}, {@code false}; unary
 * {@code -n} (not empty), {@code -z} (empty), {@code -R 'subnet'} (the client address is in it); {@code -ipmatch
 * '192.0.2.0/24'} (IPv4 or IPv6, the subnet a constant; as in httpd a host name on its left is resolved), glob
 * matches {@code -strmatch}, {@code -strcmatch} (ignoring case) and {@code -fnmatch} ('/' matched only literally);
 * {@code word in PeerExtList("1.2.3.4")} (the client
 * certificate's values of that extension, as mod_ssl renders them); words are quoted strings (with {@code %{NAME}}
 * inside), numbers, {@code %{NAME}} variables and {@code file("/path")} (the file's contents).
 * Immutable and thread-safe; parse once at start-up.
 */
public final class SslExpression {
    /** Request variables an expression may name besides {@code SSL_*}, {@code HTTP_*} and {@code HTTP:name}. */
    public static final Set<String> REQUEST_VARIABLES = Set.of("HTTPS", "REQUEST_METHOD", "REQUEST_SCHEME", "REQUEST_URI",
            "QUERY_STRING", "REMOTE_ADDR", "REMOTE_PORT", "REMOTE_USER", "AUTH_TYPE", "SERVER_NAME", "SERVER_PORT",
            "SERVER_PROTOCOL", "PATH_INFO", "TIME", "TIME_YEAR", "TIME_MON", "TIME_DAY", "TIME_HOUR", "TIME_MIN", "TIME_SEC",
            "TIME_WDAY");

    private final String source;
    private final Node root;

    private SslExpression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * @throws IllegalArgumentException naming the position (1-based) and what was expected there
     */
    public static SslExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        ExpressionParser parser = new ExpressionParser(expression);
        Node root = parser.or();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.rest() + "'; expected 'and', 'or' or the end");
        }
        return new SslExpression(expression, root);
    }

    /** Evaluates with {@code variables} answering {@code %{NAME}} (an unset variable is the empty string) and no client certificate. */
    public boolean evaluate(Function<String, String> variables) {
        return evaluate(variables, null);
    }

    /**
     * Evaluates with {@code variables} answering {@code %{NAME}} (an unset variable is the empty string) and
     * {@code client} (or {@code null}) answering {@code PeerExtList(...)}.
     *
     * @throws IllegalStateException when it cannot be evaluated ({@code file()} cannot read its file...), which
     *                               mod_ssl answers with 403 as for a denial
     */
    public boolean evaluate(Function<String, String> variables, X509Certificate client) {
        Context context = new Context(name -> Objects.requireNonNullElse(variables.apply(name), ""), client);
        try {
            return root.test(context);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Expression \"" + source + "\" cannot be evaluated: " + e.getMessage() + ".", e);
        }
    }

    @Override
    public String toString() {
        return source;
    }

    /** What an evaluation reads: the variables and the client certificate (or null). */
    record Context(Function<String, String> variables, X509Certificate client) {
        String apply(String name) {
            return variables.apply(name);
        }
    }

    interface Node {
        boolean test(Context context);
    }

    interface Word {
        String value(Context context);
    }

    /** A word whose value is known when parsing. */
    record Literal(String text) implements Word {
        @Override
        public String value(Context context) {
            return text;
        }
    }

    interface ListWord {
        List<String> values(Context context);
    }

    /** SSLRequire's order for {@code < <= > >=}: length first, then lexically. */
    static int compareCompat(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    static boolean knownVariable(String name) {
        return name.startsWith("SSL_") || name.startsWith("SSL:") || name.startsWith("HTTP_") || name.startsWith("HTTP:")
                || REQUEST_VARIABLES.contains(name);
    }
}
