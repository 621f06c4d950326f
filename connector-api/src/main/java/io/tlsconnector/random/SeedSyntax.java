package io.tlsconnector.random;

import java.nio.file.Path;
import java.util.Locale;

/** mod_ssl's SSLRandomSeed syntax: {@code [SSLRandomSeed] startup|connect source [bytes]}. */
final class SeedSyntax {
    static final String FORMS = "builtin, file:/path [bytes], exec:/path [bytes], egd:/path/to/socket [bytes] or /path [bytes]";

    private SeedSyntax() {
    }

    static SeedSource source(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("SSLRandomSeed source is empty; expected " + FORMS + ".");
        }
        String[] words = text.strip().split("\\s+");
        if (words.length > 2) {
            throw new IllegalArgumentException("SSLRandomSeed source '" + text + "' has more than a source and a byte count; expected "
                    + FORMS + ".");
        }
        String where = words[0];
        String lower = where.toLowerCase(Locale.ROOT);
        if (lower.equals("builtin")) {
            if (words.length == 2) {
                throw new IllegalArgumentException("SSLRandomSeed source '" + text + "': builtin takes no byte count, as in mod_ssl; "
                        + "write just builtin.");
            }
            return SeedSource.builtin();
        }
        int bytes = words.length == 2 ? bytes(words[1], text) : 0;
        if (lower.startsWith("file:")) {
            return SeedSource.file(path(where.substring(5), text), bytes);
        }
        if (lower.startsWith("exec:")) {
            return SeedSource.exec(path(where.substring(5), text), bytes);
        }
        if (lower.startsWith("egd:")) {
            return SeedSource.egd(path(where.substring(4), text), bytes);
        }
        if (where.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            throw new IllegalArgumentException("SSLRandomSeed source '" + text + "' is not understood; expected " + FORMS + ".");
        }
        return SeedSource.file(path(where, text), bytes);
    }

    private static int bytes(String word, String text) {
        try {
            int bytes = Integer.parseInt(word);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("SSLRandomSeed source '" + text + "': '" + word + "' is not a byte count; "
                + "write a whole number of bytes such as 512, or leave it out.");
    }

    private static Path path(String path, String text) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("SSLRandomSeed source '" + text + "' names no path; write e.g. file:/dev/urandom 512.");
        }
        return Path.of(path);
    }

    /** {@code file:/path 512} or {@code file:/path} for 0. */
    static String format(String scheme, Path path, int bytes) {
        return scheme + ":" + path + (bytes > 0 ? " " + bytes : "");
    }
}
