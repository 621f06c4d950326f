package io.tlsconnector.testing;

import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON object whose values are all strings, as mod_ssl's printenv CGI and our test servlets print
 * the SSL_* variables; enough JSON for tests, no dependency.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /** Writes {@code values} as one JSON object, keys sorted. */
    public static String write(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{\n");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            out.append(first ? "" : ",\n").append("  ");
            quote(out, e.getKey());
            out.append(": ");
            quote(out, e.getValue());
            first = false;
        }
        return out.append("\n}\n").toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Reads a JSON object of string values; anything else is an error naming the position. */
    public static Map<String, String> parse(String json) {
        Parser p = new Parser(json);
        Map<String, String> values = new TreeMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            return values;
        }
        while (true) {
            p.skipSpace();
            String key = p.string();
            p.skipSpace();
            p.expect(':');
            p.skipSpace();
            values.put(key, p.string());
            p.skipSpace();
            char c = p.next();
            if (c == '}') {
                return values;
            }
            if (c != ',') {
                throw p.error("expected , or }");
            }
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        IllegalArgumentException error(String what) {
            int from = Math.max(0, pos - 40);
            return new IllegalArgumentException(what + " at offset " + pos + " near: "
                    + text.substring(from, Math.min(text.length(), pos + 40)));
        }
    }
}
