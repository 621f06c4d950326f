package io.tlsconnector.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A boolean expression in mod_ssl's {@code SSLRequire} / {@code Require expr} syntax (the ap_expr subset
 * access rules use): comparisons {@code ==} {@code eq} {@code !=} {@code ne}, {@code <} {@code lt}
 * {@code <=} {@code le} {@code >} {@code gt} {@code >=} {@code ge} (SSLRequire's order: the shorter
 * string is the smaller, equal lengths compare lexically, so numbers compare as numbers), integer
 * comparisons {@code -eq -ne -lt -le -gt -ge}, regular expressions {@code =~ /re/} and {@code !~ /re/}
 * (also {@code m#re#}, flag {@code i}), lists {@code word in {"a", "b"}} and {@code -in}, {@code and}
 * {@code &&} {@code or} {@code ||} {@code !} {@code not}, parentheses, {@code true}, {@code false}; words
 * are quoted strings (with {@code %{NAME}} inside), numbers and {@code %{NAME}} variables.
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
        Parser parser = new Parser(expression);
        Node root = parser.or();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.rest() + "'; expected 'and', 'or' or the end");
        }
        return new SslExpression(expression, root);
    }

    /** Evaluates with {@code variables} answering {@code %{NAME}} (an unset variable is the empty string). */
    public boolean evaluate(Function<String, String> variables) {
        return root.test(name -> Objects.requireNonNullElse(variables.apply(name), ""));
    }

    @Override
    public String toString() {
        return source;
    }

    interface Node {
        boolean test(Function<String, String> variables);
    }

    interface Word {
        String value(Function<String, String> variables);
    }

    /** SSLRequire's order for {@code < <= > >=}: length first, then lexically. */
    static int compareCompat(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    static boolean knownVariable(String name) {
        return name.startsWith("SSL_") || name.startsWith("SSL:") || name.startsWith("HTTP_") || name.startsWith("HTTP:")
                || REQUEST_VARIABLES.contains(name);
    }

    /** Recursive descent over the expression text; positions in messages are 1-based. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node or() {
            Node left = and();
            while (keyword("||") || keyword("or")) {
                Node l = left;
                Node r = and();
                left = v -> l.test(v) || r.test(v);
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (keyword("&&") || keyword("and")) {
                Node l = left;
                Node r = not();
                left = v -> l.test(v) && r.test(v);
            }
            return left;
        }

        Node not() {
            skipSpace();
            if (peek("!=") || peek("!~")) {
                throw error("a comparison needs a word on its left");
            }
            if (keyword("!") || keyword("not")) {
                Node inner = not();
                return v -> !inner.test(v);
            }
            return primary();
        }

        Node primary() {
            skipSpace();
            if (keyword("(")) {
                Node inner = or();
                if (!keyword(")")) {
                    throw error(atEnd() ? "the expression ends before ')'" : "expected ')' but found '" + rest() + "'");
                }
                return inner;
            }
            if (keyword("true")) {
                return v -> true;
            }
            if (keyword("false")) {
                return v -> false;
            }
            Word left = word();
            skipSpace();
            int at = pos;
            for (String op : List.of("==", "!=", "<=", ">=", "=~", "!~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
                    "-in", "eq", "ne", "lt", "le", "gt", "ge", "in")) {
                if (keyword(op)) {
                    return comparison(op, left);
                }
            }
            pos = at;
            throw error(atEnd() ? "the expression ends where an operator (==, !=, <, =~, in, ...) is expected"
                    : "expected an operator (==, !=, <, <=, >, >=, =~, !~, in, -eq, ...) but found '" + rest() + "'");
        }

        private Node comparison(String op, Word left) {
            switch (op) {
                case "=~", "!~" -> {
                    Pattern regex = regex();
                    boolean match = op.equals("=~");
                    return v -> regex.matcher(left.value(v)).find() == match;
                }
                case "in", "-in" -> {
                    List<Word> list = list();
                    return v -> {
                        String value = left.value(v);
                        return list.stream().anyMatch(w -> w.value(v).equals(value));
                    };
                }
                default -> {
                    Word right = word();
                    return switch (op) {
                        case "==", "eq" -> v -> left.value(v).equals(right.value(v));
                        case "!=", "ne" -> v -> !left.value(v).equals(right.value(v));
                        case "<", "lt" -> v -> compareCompat(left.value(v), right.value(v)) < 0;
                        case "<=", "le" -> v -> compareCompat(left.value(v), right.value(v)) <= 0;
                        case ">", "gt" -> v -> compareCompat(left.value(v), right.value(v)) > 0;
                        case ">=", "ge" -> v -> compareCompat(left.value(v), right.value(v)) >= 0;
                        default -> integer(op, left, right);
                    };
                }
            }
        }

        private static Node integer(String op, Word left, Word right) {
            return v -> {
                long a = number(left.value(v));
                long b = number(right.value(v));
                return switch (op) {
                    case "-eq" -> a == b;
                    case "-ne" -> a != b;
                    case "-lt" -> a < b;
                    case "-le" -> a <= b;
                    case "-gt" -> a > b;
                    default -> a >= b;
                };
            };
        }

        /** As ap_expr's integer operators: a value that is not a number counts as 0. */
        private static long number(String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private List<Word> list() {
            skipSpace();
            if (!keyword("{")) {
                throw error("'in' needs a list such as {\"a\", \"b\"}");
            }
            List<Word> words = new ArrayList<>();
            do {
                words.add(word());
            } while (keyword(","));
            if (!keyword("}")) {
                throw error("expected ',' or '}' in the list");
            }
            return List.copyOf(words);
        }

        private Pattern regex() {
            skipSpace();
            char close;
            if (peek("/")) {
                close = '/';
                pos++;
            } else if (peek("m") && pos + 1 < text.length() && !Character.isLetterOrDigit(text.charAt(pos + 1))) {
                close = text.charAt(pos + 1);
                pos += 2;
            } else {
                throw error("a regular expression is expected, written /regex/ or m#regex#");
            }
            int start = pos;
            int end = text.indexOf(close, pos);
            while (end > 0 && text.charAt(end - 1) == '\\') {
                end = text.indexOf(close, end + 1);
            }
            if (end < 0) {
                throw error("the regular expression is not closed with '" + close + "'");
            }
            String body = text.substring(start, end);
            pos = end + 1;
            int flags = 0;
            if (pos < text.length() && text.charAt(pos) == 'i') {
                flags = Pattern.CASE_INSENSITIVE;
                pos++;
            }
            try {
                return Pattern.compile(body, flags);
            } catch (PatternSyntaxException e) {
                pos = start;
                throw error("the regular expression is invalid: " + e.getDescription());
            }
        }

        private Word word() {
            skipSpace();
            if (atEnd()) {
                throw error("the expression ends where a word (\"string\", number or %{VARIABLE}) is expected");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                return quoted(c);
            }
            if (peek("%{")) {
                String name = variable();
                return v -> v.apply(name);
            }
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || (pos == start && text.charAt(pos) == '-'))) {
                pos++;
            }
            if (pos > start && !text.substring(start, pos).equals("-")) {
                String number = text.substring(start, pos);
                return v -> number;
            }
            pos = start;
            throw error("expected a word (\"string\", number or %{VARIABLE}) but found '" + rest() + "'");
        }

        private Word quoted(char quote) {
            int open = pos++;
            List<Word> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    pos = open;
                    throw error("the string is not closed with " + quote);
                }
                char c = text.charAt(pos);
                if (c == quote) {
                    pos++;
                    break;
                }
                if (c == '\\' && pos + 1 < text.length()) {
                    literal.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (peek("%{")) {
                    String fixed = literal.toString();
                    parts.add(v -> fixed);
                    literal.setLength(0);
                    String name = variable();
                    parts.add(v -> v.apply(name));
                } else {
                    literal.append(c);
                    pos++;
                }
            }
            String fixed = literal.toString();
            parts.add(v -> fixed);
            return v -> {
                StringBuilder out = new StringBuilder();
                parts.forEach(p -> out.append(p.value(v)));
                return out.toString();
            };
        }

        private String variable() {
            int start = pos;
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw error("%{ is not closed with '}'");
            }
            String name = text.substring(pos + 2, end);
            if (!knownVariable(name)) {
                throw error("unknown variable %{" + name + "}; use SSL_*, HTTP_*, HTTP:name or one of " + new java.util.TreeSet<>(REQUEST_VARIABLES));
            }
            pos = end + 1;
            if (pos == start) {
                throw error("empty variable");
            }
            return name;
        }

        /** Consumes {@code word} (after spaces) when it is next; keywords made of letters must end there. */
        boolean keyword(String word) {
            skipSpace();
            if (!text.regionMatches(pos, word, 0, word.length())) {
                return false;
            }
            int after = pos + word.length();
            if (Character.isLetter(word.charAt(word.length() - 1)) && after < text.length()
                    && Character.isLetterOrDigit(text.charAt(after))) {
                return false;
            }
            if (word.equals("<") || word.equals(">") || word.equals("!")) {
                if (after < text.length() && (text.charAt(after) == '=' || text.charAt(after) == '~')) {
                    return false;
                }
            }
            pos = after;
            return true;
        }

        boolean peek(String s) {
            return text.startsWith(s, pos);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        String rest() {
            String rest = text.substring(pos);
            return rest.length() > 20 ? rest.substring(0, 20) + "..." : rest;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Expression \"" + text + "\" cannot be parsed at position " + (pos + 1)
                    + ": " + what + ".");
        }
    }
}
