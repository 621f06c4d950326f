package io.tlsconnector.config.httpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.ConfNode.Section;
import io.tlsconnector.config.httpd.ConfNode.Where;

/**
 * Reads httpd configuration syntax into a tree, as httpd's config reader does: comments, line
 * continuations, quoting, {@code Define} and {@code ${VAR}}, {@code <IfModule>}/{@code <IfDefine>}/
 * {@code <IfFile>} (evaluated with mod_ssl loaded), {@code Include}/{@code IncludeOptional} with globs
 * relative to the ServerRoot. Conditional sections and includes are replaced by what they contain.
 */
final class HttpdConfParser {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Map<String, String> defines = new LinkedHashMap<>();
    private final Set<String> givenDefines;
    private final Set<String> modules = new HashSet<>(Set.of("core.c", "core_module", "http_core.c", "mod_so.c", "so_module",
            "mod_ssl.c", "ssl_module"));
    private final HttpdConfReport report;
    private final TlsConfigException.Collector problems;
    private Path serverRoot;

    HttpdConfParser(Map<String, String> given, Path serverRoot, HttpdConfReport report, TlsConfigException.Collector problems) {
        this.defines.putAll(given);
        this.givenDefines = Set.copyOf(given.keySet());
        this.serverRoot = serverRoot;
        this.report = report;
        this.problems = problems;
    }

    /** The ServerRoot in effect after reading: where relative file names are resolved. */
    Path serverRoot() {
        return serverRoot;
    }

    List<ConfNode> parse(Path file) {
        return parseFile(file, 0);
    }

    private List<ConfNode> parseFile(Path file, int depth) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(null, file.toString(), "cannot be read (" + e + ").",
                    "give the path of a readable httpd configuration file.");
            return List.of();
        }
        Lines lines = new Lines(file, logicalLines(text));
        List<ConfNode> nodes = new ArrayList<>();
        parseBlock(lines, null, nodes, depth);
        return nodes;
    }

    /** Physical lines joined where one ends in a backslash; each keeps the number of its first line. */
    private static List<Map.Entry<Integer, String>> logicalLines(String text) {
        List<Map.Entry<Integer, String>> result = new ArrayList<>();
        String[] physical = text.split("\r?\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i].stripTrailing();
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line);
            result.add(Map.entry(start, pending.toString()));
            pending = null;
        }
        if (pending != null) {
            result.add(Map.entry(start, pending.toString()));
        }
        return result;
    }

    private final class Lines {
        final Path file;
        final List<Map.Entry<Integer, String>> lines;
        int next;

        Lines(Path file, List<Map.Entry<Integer, String>> lines) {
            this.file = file;
            this.lines = lines;
        }
    }

    /** Parses until {@code </closing>} (or the end of the file when {@code closing} is null). */
    private void parseBlock(Lines in, Section opening, List<ConfNode> out, int depth) {
        while (in.next < in.lines.size()) {
            Map.Entry<Integer, String> entry = in.lines.get(in.next++);
            Where where = new Where(in.file, entry.getKey());
            String line = entry.getValue().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            line = resolve(line, where);
            if (line.startsWith("</")) {
                String name = line.substring(2).replaceAll(">\\s*$", "").strip();
                if (opening != null && opening.name().equalsIgnoreCase(name)) {
                    return;
                }
                problems.add(null, where + " </" + name + ">", opening == null ? "closes a section that was never opened."
                                : "closes <" + name + "> but <" + opening.name() + "> (" + opening.where() + ") is open.",
                        opening == null ? "remove the line or add the matching <" + name + "> above it."
                                : "close <" + opening.name() + "> first, with </" + opening.name() + ">.");
                continue;
            }
            if (line.startsWith("<")) {
                openSection(in, where, line, out, depth);
                continue;
            }
            List<String> words = words(line);
            String raw = line.substring(words.get(0).length()).strip();
            Directive directive = new Directive(where, words.get(0), words.subList(1, words.size()), raw);
            if (!handleReaderDirective(directive, out, depth)) {
                out.add(directive);
            }
        }
        if (opening != null) {
            problems.add(null, opening.where() + " <" + opening.name() + ">", "is never closed.",
                    "add </" + opening.name() + "> after its last directive.");
        }
    }

    private void openSection(Lines in, Where where, String line, List<ConfNode> out, int depth) {
        String inner = line.substring(1);
        int end = 0;
        while (end < inner.length() && !Character.isWhitespace(inner.charAt(end)) && inner.charAt(end) != '>') {
            end++;
        }
        String name = inner.substring(0, end);
        if (!inner.endsWith(">")) {
            problems.add(null, where + " <" + name, "has no closing '>'.", "end the line with '>', e.g. <" + name + " *:443>.");
            return;
        }
        String rest = inner.substring(end, inner.length() - 1);
        Section section = new Section(where, name, words(rest), List.of());
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("ifmodule") || lower.equals("ifdefine") || lower.equals("iffile") || lower.equals("ifversion")) {
            if (condition(section)) {
                parseBlock(in, section, out, depth);
            } else {
                skip(in, section);
            }
            return;
        }
        List<ConfNode> children = new ArrayList<>();
        parseBlock(in, section, children, depth);
        out.add(new Section(where, name, section.args(), children));
    }

    private boolean condition(Section section) {
        String arg = section.args().isEmpty() ? "" : section.args().get(0);
        boolean negate = arg.startsWith("!");
        String name = negate ? arg.substring(1) : arg;
        boolean holds = switch (section.name().toLowerCase(Locale.ROOT)) {
            case "ifmodule" -> modules.contains(name);
            case "ifdefine" -> defines.containsKey(name);
            case "iffile" -> Files.exists(resolvePath(name));
            default -> {
                report.add(HttpdConfReport.Kind.WARNING, section.where(), "<IfVersion " + String.join(" ", section.args()) + ">",
                        "taken as true: the configuration is read as Apache httpd 2.4 would.");
                yield true;
            }
        };
        return holds != negate;
    }

    /** Skips a false conditional section, its nested sections included, without reading its directives. */
    private void skip(Lines in, Section section) {
        int nesting = 0;
        while (in.next < in.lines.size()) {
            String line = in.lines.get(in.next++).getValue().strip();
            if (line.startsWith("</")) {
                if (nesting == 0) {
                    return;
                }
                nesting--;
            } else if (line.startsWith("<")) {
                nesting++;
            }
        }
        problems.add(null, section.where() + " <" + section.name() + ">", "is never closed.",
                "add </" + section.name() + "> after its last directive.");
    }

    /** Define, UnDefine, ServerRoot, LoadModule and Include act while reading; returns whether {@code d} was one. */
    private boolean handleReaderDirective(Directive d, List<ConfNode> out, int depth) {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "define" -> {
                if (!d.args().isEmpty() && givenDefines.contains(d.args().get(0))) {
                    report.add(HttpdConfReport.Kind.IGNORED, d.where(), "Define " + d.args().get(0),
                            "kept the value given by the caller: " + defines.get(d.args().get(0)) + ".");
                } else if (d.args().isEmpty() || d.args().size() > 2) {
                    problems.add(null, d.where() + " Define", "takes a name and an optional value, got " + d.args().size() + " arguments.",
                            "write Define NAME or Define NAME value (quote a value with spaces).");
                } else {
                    defines.put(d.args().get(0), d.args().size() == 2 ? d.args().get(1) : "");
                    report.add(HttpdConfReport.Kind.READ, d.where(), "Define " + d.args().get(0), "defined.");
                }
                return true;
            }
            case "undefine" -> {
                d.args().forEach(defines::remove);
                return true;
            }
            case "serverroot" -> {
                if (d.args().size() == 1) {
                    serverRoot = Path.of(d.args().get(0));
                    report.add(HttpdConfReport.Kind.READ, d.where(), "ServerRoot", "relative paths resolve against " + serverRoot + ".");
                }
                return true;
            }
            case "loadmodule" -> {
                if (d.args().size() == 2) {
                    modules.add(d.args().get(0));
                    String fileName = Path.of(d.args().get(1)).getFileName().toString();
                    modules.add(fileName.replaceAll("\\.so$", ".c"));
                }
                return true;
            }
            case "include", "includeoptional" -> {
                include(d, out, depth);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void include(Directive d, List<ConfNode> out, int depth) {
        boolean optional = d.name().equalsIgnoreCase("IncludeOptional");
        if (d.args().size() != 1) {
            problems.add(null, d.where() + " " + d.name(), "takes one file name or pattern, got " + d.args().size() + " arguments.",
                    "write " + d.name() + " conf.d/*.conf (quote a name with spaces).");
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            problems.add(null, d.where() + " " + d.name(), "nests includes more than " + MAX_INCLUDE_DEPTH + " deep.",
                    "look for a file that includes itself.");
            return;
        }
        Path pattern = resolvePath(d.args().get(0));
        List<Path> files = IncludeGlob.expand(pattern);
        if (files.isEmpty()) {
            if (optional) {
                report.add(HttpdConfReport.Kind.READ, d.where(), d.name() + " " + d.args().get(0), "matches no file.");
            } else {
                problems.add(null, d.where() + " Include", pattern + " matches no file.",
                        "correct the path (relative paths start at the ServerRoot " + serverRoot + "), or use IncludeOptional.");
            }
            return;
        }
        for (Path file : files) {
            report.add(HttpdConfReport.Kind.READ, d.where(), d.name(), "reads " + file + ".");
            out.addAll(parseFile(file, depth + 1));
        }
    }

    Path resolvePath(String name) {
        Path path = Path.of(name);
        return path.isAbsolute() ? path : serverRoot.resolve(path);
    }

    private String resolve(String line, Where where) {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String value = defines.get(m.group(1));
            if (value == null) {
                value = System.getenv(m.group(1));
            }
            if (value == null) {
                report.add(HttpdConfReport.Kind.WARNING, where, "${" + m.group(1) + "}",
                        "is not defined; left as written, as httpd does. Define it (Define " + m.group(1)
                                + " value, or pass it to HttpdConf.read) if a path depends on it.");
                value = m.group();
            }
            m.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        m.appendTail(result);
        return result.toString();
    }

    /** Splits a line into words as httpd's ap_getword_conf: whitespace-separated, "double" or 'single' quoted. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = line.charAt(i);
            StringBuilder word = new StringBuilder();
            if (c == '"' || c == '\'') {
                i++;
                while (i < n && line.charAt(i) != c) {
                    if (line.charAt(i) == '\\' && i + 1 < n && line.charAt(i + 1) == c) {
                        i++;
                    }
                    word.append(line.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    word.append(line.charAt(i++));
                }
            }
            words.add(word.toString());
        }
        return words;
    }

    /** Expands an Include pattern: a directory means its files, wildcards may appear in any component. */
    static final class IncludeGlob {
        private IncludeGlob() {
        }

        static List<Path> expand(Path pattern) {
            List<Path> current = new ArrayList<>(List.of(pattern.getRoot() == null ? Path.of("") : pattern.getRoot()));
            for (Path part : pattern.normalize()) {
                List<Path> next = new ArrayList<>();
                String name = part.toString();
                for (Path base : current) {
                    if (name.contains("*") || name.contains("?") || name.contains("[")) {
                        next.addAll(matching(base, name));
                    } else if (Files.exists(base.resolve(name))) {
                        next.add(base.resolve(name));
                    }
                }
                current = next;
            }
            List<Path> files = new ArrayList<>();
            for (Path p : current) {
                if (Files.isDirectory(p)) {
                    matching(p, "*").stream().filter(Files::isRegularFile).forEach(files::add);
                } else {
                    files.add(p);
                }
            }
            return files;
        }

        private static List<Path> matching(Path dir, String glob) {
            List<Path> found = new ArrayList<>();
            if (!Files.isDirectory(dir)) {
                return found;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(found::add);
            } catch (IOException e) {
                return found;
            }
            found.sort(null);
            return found;
        }
    }
}
