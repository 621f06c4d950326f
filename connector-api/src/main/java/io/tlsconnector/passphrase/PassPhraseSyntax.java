package io.tlsconnector.passphrase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** mod_ssl's SSLPassPhraseDialog syntax, parsed and printed. */
final class PassPhraseSyntax {
    static final String FORMS = "builtin, exec:/path/to/program, |/path/to/program [args], env:NAME or file:/path";

    private PassPhraseSyntax() {
    }

    static PassPhraseProvider parse(String directive) {
        if (directive == null || directive.isBlank()) {
            throw new IllegalArgumentException("SSLPassPhraseDialog value is empty; expected one of " + FORMS + ".");
        }
        String value = directive.strip();
        if (value.regionMatches(true, 0, "SSLPassPhraseDialog", 0, "SSLPassPhraseDialog".length())
                && value.length() > "SSLPassPhraseDialog".length()
                && Character.isWhitespace(value.charAt("SSLPassPhraseDialog".length()))) {
            value = value.substring("SSLPassPhraseDialog".length()).strip();
        }
        if (value.equalsIgnoreCase("builtin")) {
            return PassPhraseProvider.builtin();
        }
        if (value.startsWith("|")) {
            List<String> command = tokenize(value.substring(1), directive);
            return PassPhraseProvider.pipe(command);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("exec:")) {
            return PassPhraseProvider.exec(path(value.substring(5), directive));
        }
        if (lower.startsWith("file:")) {
            return PassPhraseProvider.file(path(value.substring(5), directive));
        }
        if (lower.startsWith("env:")) {
            String name = value.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("SSLPassPhraseDialog '" + directive + "': '" + name
                        + "' is not an environment variable name; write env:NAME, e.g. env:TLS_KEY_PASS.");
            }
            return PassPhraseProvider.env(name);
        }
        throw new IllegalArgumentException("SSLPassPhraseDialog '" + directive + "' is not understood; expected one of "
                + FORMS + ".");
    }

    private static Path path(String text, String directive) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("SSLPassPhraseDialog '" + directive + "' names no path; write e.g. exec:/usr/local/sbin/pp-helper.");
        }
        return Path.of(text.strip());
    }

    /** Splits a command line at white space; double quotes keep spaces in one argument, as apr_tokenize_to_argv. */
    static List<String> tokenize(String commandLine, String directive) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : commandLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("SSLPassPhraseDialog '" + directive + "' has an unclosed double quote.");
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("SSLPassPhraseDialog '" + directive + "' names no program after '|'; "
                    + "write e.g. |/usr/local/sbin/pp-pipe.");
        }
        return words;
    }

    /** The command as mod_ssl's directive writes it, quoting arguments that hold white space. */
    static String quote(List<String> command) {
        List<String> words = new ArrayList<>();
        for (String word : command) {
            words.add(word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "\"" + word + "\"" : word);
        }
        return String.join(" ", words);
    }
}
