package io.tlsconnector.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tlsconnector.expression.SslExpression.ListWord;
import io.tlsconnector.expression.SslExpression.Literal;
import io.tlsconnector.expression.SslExpression.Node;
import io.tlsconnector.expression.SslExpression.Word;

/** Recursive descent over an {@link SslExpression}'s text; positions in messages are 1-based. */
final class ExpressionParser {
    private final String text;
    private int pos;

    ExpressionParser(String text) {
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
        if (keyword("-n")) {
            Word word = word();
            return v -> !word.value(v).isEmpty();
        }
        if (keyword("-z")) {
            Word word = word();
            return v -> word.value(v).isEmpty();
        }
        if (keyword("-R")) {
            ExpressionFunctions.Subnet subnet = subnet("-R");
            return v -> subnet.contains(v.apply("REMOTE_ADDR"));
        }
        Word left = word();
        skipSpace();
        int at = pos;
        for (String op : List.of("==", "!=", "<=", ">=", "=~", "!~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
                "-in", "-ipmatch", "-strmatch", "-strcmatch", "-fnmatch", "eq", "ne", "lt", "le", "gt", "ge", "in")) {
            if (keyword(op)) {
                return comparison(op, left);
            }
        }
        pos = at;
        throw error(atEnd() ? "the expression ends where an operator (==, !=, <, =~, in, ...) is expected"
                : "expected an operator (==, !=, <, <=, >, >=, =~, !~, in, -eq, -ipmatch, -strmatch, ...) but found '" + rest() + "'");
    }

    private Node comparison(String op, Word left) {
        switch (op) {
            case "=~", "!~" -> {
                Pattern regex = regex();
                boolean match = op.equals("=~");
                return v -> regex.matcher(left.value(v)).find() == match;
            }
            case "in", "-in" -> {
                ListWord list = list();
                return v -> {
                    String value = left.value(v);
                    return list.values(v).contains(value);
                };
            }
            case "-ipmatch" -> {
                ExpressionFunctions.Subnet subnet = subnet(op);
                return v -> subnet.contains(left.value(v));
            }
            case "-strmatch", "-strcmatch", "-fnmatch" -> {
                Word pattern = word();
                boolean caseBlind = op.equals("-strcmatch");
                boolean pathname = op.equals("-fnmatch");
                if (pattern instanceof Literal literal) {
                    Pattern glob = ExpressionFunctions.glob(literal.text(), caseBlind, pathname);
                    return v -> glob.matcher(left.value(v)).matches();
                }
                return v -> ExpressionFunctions.glob(pattern.value(v), caseBlind, pathname).matcher(left.value(v)).matches();
            }
            default -> {
                Word right = word();
                return switch (op) {
                    case "==", "eq" -> v -> left.value(v).equals(right.value(v));
                    case "!=", "ne" -> v -> !left.value(v).equals(right.value(v));
                    case "<", "lt" -> v -> SslExpression.compareCompat(left.value(v), right.value(v)) < 0;
                    case "<=", "le" -> v -> SslExpression.compareCompat(left.value(v), right.value(v)) <= 0;
                    case ">", "gt" -> v -> SslExpression.compareCompat(left.value(v), right.value(v)) > 0;
                    case ">=", "ge" -> v -> SslExpression.compareCompat(left.value(v), right.value(v)) >= 0;
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

    /** httpd's subnet operand: a constant string, checked now. */
    private ExpressionFunctions.Subnet subnet(String op) {
        skipSpace();
        int at = pos;
        Word word = word();
        if (!(word instanceof Literal literal)) {
            pos = at;
            throw error(op + " needs the subnet as a constant string such as '192.0.2.0/24'");
        }
        try {
            return ExpressionFunctions.Subnet.parse(literal.text());
        } catch (IllegalArgumentException e) {
            pos = at;
            throw error(op + " needs a subnet such as '192.0.2.0/24' or '2001:db8::/32': " + e.getMessage());
        }
    }

    private ListWord list() {
        skipSpace();
        int at = pos;
        String function = identifier();
        if (function != null) {
            if (!function.equals("PeerExtList")) {
                pos = at;
                throw error("'in' takes {\"a\", \"b\"} or PeerExtList(\"oid\"), not " + function + "(...)");
            }
            Word argument = argument(function);
            if (argument instanceof Literal literal) {
                String oid = ExpressionFunctions.oid(literal.text());
                String why = oid == null ? "'" + literal.text() + "' is neither a dotted OID such as \"1.2.3.4\" nor"
                        + " basicConstraints or nsComment" : ExpressionFunctions.unsupported(oid);
                if (why != null) {
                    pos = at;
                    throw error("PeerExtList(\"" + literal.text() + "\"): " + why);
                }
            }
            return v -> ExpressionFunctions.peerExtList(v.client(), argument.value(v));
        }
        if (!keyword("{")) {
            throw error("'in' needs a list such as {\"a\", \"b\"} or PeerExtList(\"1.2.3.4\")");
        }
        List<Word> words = new ArrayList<>();
        do {
            words.add(word());
        } while (keyword(","));
        if (!keyword("}")) {
            throw error("expected ',' or '}' in the list");
        }
        List<Word> list = List.copyOf(words);
        return v -> list.stream().map(w -> w.value(v)).toList();
    }

    /** A function's name when one is next (a name followed by '('), consumed; else null and nothing consumed. */
    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos)) || (pos > start
                && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')))) {
            pos++;
        }
        String name = text.substring(start, pos);
        skipSpace();
        if (name.isEmpty() || !peek("(")) {
            pos = start;
            return null;
        }
        return name;
    }

    /** {@code ( word )} after a function's name. */
    private Word argument(String function) {
        keyword("(");
        Word argument = word();
        if (!keyword(")")) {
            throw error(atEnd() ? "the expression ends before the ')' of " + function + "("
                    : "expected ')' to close " + function + "( but found '" + rest() + "'");
        }
        return argument;
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
        int at = pos;
        String function = identifier();
        if (function != null) {
            if (function.equals("file")) {
                Word path = argument(function);
                return v -> ExpressionFunctions.file(path.value(v));
            }
            pos = at;
            throw error(function.equals("PeerExtList") ? "PeerExtList(...) is a list; write it after 'in', e.g."
                    + " \"foo\" in PeerExtList(\"1.2.3.4\")" : "unknown function " + function + "(...); SSLRequire"
                    + " knows file(\"/path\") and, after 'in', PeerExtList(\"oid\")");
        }
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || (pos == start && text.charAt(pos) == '-'))) {
            pos++;
        }
        if (pos > start && !text.substring(start, pos).equals("-")) {
            return new Literal(text.substring(start, pos));
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
        if (parts.isEmpty()) {
            return new Literal(fixed);
        }
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
        if (!SslExpression.knownVariable(name)) {
            throw error("unknown variable %{" + name + "}; use SSL_*, HTTP_*, HTTP:name or one of " + new TreeSet<>(SslExpression.REQUEST_VARIABLES));
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
