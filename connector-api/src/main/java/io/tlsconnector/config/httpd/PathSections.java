package io.tlsconnector.config.httpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.ConfNode.Section;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/**
 * Turns httpd's path sections ({@code <Location>}, {@code <LocationMatch>}, {@code <Directory>} under the
 * DocumentRoot or an Alias, {@code <Files>}, {@code <FilesMatch>}) into the virtual host's {@link PathRule}s:
 * their SSLRequire, SSLOptions, SSLVerifyClient require and {@code Require ssl}/{@code ssl-verify-client}/
 * {@code all granted|denied} lines. What a path section says that the connector cannot apply (other access
 * rules, other per-path SSL settings) is reported unsupported, which stops a strict read.
 */
final class PathSections {
    /** Sections whose content applies per request path. */
    static final Set<String> NAMES = Set.of("location", "locationmatch", "directory", "directorymatch", "files", "filesmatch");
    /** Sections inside or around path sections that the connector does not evaluate. */
    static final Set<String> CONDITIONAL = Set.of("proxy", "proxymatch", "if", "elseif", "else", "limit", "limitexcept",
            "requireall", "requireany", "requirenone");

    private static final String AUTH_REASON = "authentication and authorisation beyond the client certificate are the application's:"
            + " protect the path with a security constraint (web.xml <security-constraint> with <login-config>; with FakeBasicAuth a"
            + " BASIC realm listing the certificate DNs, password 'password').";

    private final HttpdConfReport report;
    private final TlsConfigException.Collector problems;

    PathSections(HttpdConfReport report, TlsConfigException.Collector problems) {
        this.report = report;
        this.problems = problems;
    }

    /**
     * The rule of one path section, or null when it says nothing the connector applies (or maps to no URL).
     *
     * @param hostVerify   the host's SSLVerifyClient
     * @param documentRoot the host's DocumentRoot, or null
     * @param aliases      the host's Alias and ScriptAlias lines, URL prefix to directory
     */
    PathRule rule(Section section, VerifyClient hostVerify, Path documentRoot, Map<String, Path> aliases) {
        String label = "<" + section.name() + " " + String.join(" ", section.args()) + ">";
        PathRule rule;
        try {
            rule = matcher(section, documentRoot, aliases, label);
        } catch (IllegalArgumentException e) {
            problems.add(null, section.where() + " " + label, e.getMessage() + ".", "write the section as httpd documents it.");
            return null;
        }
        if (rule == null) {
            return null;
        }
        boolean applies = false;
        int requireLines = 0;
        for (ConfNode node : section.children()) {
            if (node instanceof Section nested) {
                unsupportedSection(nested, label);
                continue;
            }
            Directive d = (Directive) node;
            String name = d.name().toLowerCase(Locale.ROOT);
            String in = d.name() + " " + d.joined() + " in " + label;
            try {
                switch (name) {
                    case "sslrequire" -> {
                        rule = rule.sslRequire(d.raw());
                        applies = true;
                        report.add(Kind.READ, d.where(), "SSLRequire in " + label, "applied by the connector to the requests it matches.");
                    }
                    case "ssloptions" -> {
                        List<String> words = new ArrayList<>();
                        for (String word : d.args()) {
                            if (word.replaceFirst("^[+-]", "").equalsIgnoreCase("OptRenegotiate")) {
                                report.add(Kind.IGNORED, d.where(), "SSLOptions OptRenegotiate in " + label,
                                        "the connector never renegotiates, so there is nothing to optimise.");
                            } else {
                                words.add(word);
                            }
                        }
                        if (!words.isEmpty()) {
                            rule = rule.sslOptions(String.join(" ", words));
                            applies = true;
                        }
                        report.add(Kind.READ, d.where(), in, "applied to the requests it matches.");
                    }
                    case "sslverifyclient" -> {
                        VerifyClient mode = VerifyClient.parse(d.joined());
                        if (mode == VerifyClient.REQUIRE) {
                            rule = rule.requireVerifiedClient();
                            applies = true;
                            report.add(Kind.READ, d.where(), in, hostVerify == VerifyClient.REQUIRE ? "the host already requires a certificate."
                                    : "requests it matches without a verified client certificate get 403 (the connector does not renegotiate).");
                        } else if (mode == hostVerify) {
                            report.add(Kind.READ, d.where(), in, "the same as the virtual host's; nothing changes.");
                        } else {
                            report.add(Kind.UNSUPPORTED, d.where(), in, "a path can only demand a certificate (require) the host asks"
                                    + " for; relaxing the host's " + hostVerify + " per path needs a renegotiation the connector never does.");
                        }
                    }
                    case "require" -> {
                        requireLines++;
                        PathRule.Access access = access(d);
                        if (requireLines > 1) {
                            report.add(Kind.UNSUPPORTED, d.where(), in, "several Require lines (httpd's implicit RequireAny) are not"
                                    + " evaluated by the connector; keep one, or guard the path in the application.");
                        } else if (access == null && d.args().size() > 1 && d.args().get(0).equalsIgnoreCase("expr")) {
                            rule = rule.sslRequire(d.raw().replaceFirst("(?i)^\\s*expr\\s+", "").replaceAll("^\"(.*)\"$", "$1"));
                            applies = true;
                            report.add(Kind.READ, d.where(), in, "applied as an SSLRequire expression.");
                        } else if (access == null) {
                            report.add(Kind.UNSUPPORTED, d.where(), in, AUTH_REASON);
                        } else {
                            rule = rule.access(access);
                            applies = true;
                            report.add(Kind.READ, d.where(), in, switch (access) {
                                case DENIED -> "requests it matches get 403.";
                                case VERIFIED_CLIENT -> "requests it matches without a verified client certificate get 403.";
                                default -> d.args().get(0).equalsIgnoreCase("ssl")
                                        ? "every request on the TLS connector satisfies it." : "lets the requests it matches in.";
                            });
                        }
                    }
                    default -> other(d, in);
                }
            } catch (IllegalArgumentException e) {
                String message = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
                problems.add(null, d.where() + " " + d.name() + " in " + label, message, DirectiveSyntax.fix(d.name()));
            }
        }
        return applies ? rule.describedAs(section.where() + " " + label) : null;
    }

    private static PathRule.Access access(Directive d) {
        String words = d.joined().toLowerCase(Locale.ROOT).trim();
        return switch (words) {
            case "all granted", "ssl" -> PathRule.Access.GRANTED;
            case "all denied" -> PathRule.Access.DENIED;
            case "ssl-verify-client" -> PathRule.Access.VERIFIED_CLIENT;
            default -> null;
        };
    }

    private void other(Directive d, String in) {
        String name = d.name().toLowerCase(Locale.ROOT);
        String notOurs = DirectiveKinds.notOurs(name);
        if (notOurs != null) {
            report.add(Kind.IGNORED, d.where(), in, notOurs);
        } else if (DirectiveKinds.authentication(name)) {
            report.add(Kind.UNSUPPORTED, d.where(), in, AUTH_REASON);
        } else if (name.startsWith("ssl")) {
            report.add(Kind.UNSUPPORTED, d.where(), in, "per path the connector applies SSLRequire, SSLOptions and SSLVerifyClient"
                    + " require; other SSL settings apply per virtual host.");
        } else {
            report.add(Kind.UNSUPPORTED, d.where(), in, "not a directive the connector carries over for a path.");
        }
    }

    private void unsupportedSection(Section nested, String label) {
        report.add(Kind.UNSUPPORTED, nested.where(), "<" + nested.name() + " " + String.join(" ", nested.args()) + "> in " + label,
                "the connector does not evaluate nested or conditional sections; guard the path in the application.");
    }

    /** The rule's matcher, or null (reported) when no request path maps to the section. */
    private PathRule matcher(Section section, Path documentRoot, Map<String, Path> aliases, String label) {
        List<String> args = section.args();
        String kind = section.name().toLowerCase(Locale.ROOT);
        boolean tilde = args.size() == 2 && args.get(0).equals("~");
        if (args.size() != 1 && !tilde) {
            throw new IllegalArgumentException(label + " takes one path or pattern (or ~ and a regular expression)");
        }
        String arg = args.get(args.size() - 1);
        return switch (kind) {
            case "location" -> tilde ? PathRule.locationMatch(arg) : PathRule.location(arg);
            case "locationmatch" -> PathRule.locationMatch(arg);
            case "filesmatch" -> PathRule.filesMatch(arg);
            case "files" -> tilde ? PathRule.filesMatch(arg) : PathRule.filesMatch("^" + glob(arg) + "$");
            case "directory" -> {
                if (tilde) {
                    yield unmapped(section, label, "a regular-expression directory is not mapped to request paths by the connector");
                }
                String url = url(Path.of(arg).normalize(), documentRoot, aliases);
                yield url == null ? unmapped(section, label, documentRoot == null ? "no DocumentRoot or Alias maps a request path to it"
                        : "neither DocumentRoot " + documentRoot + " nor an Alias maps a request path to it")
                        : url.equals("/") ? PathRule.location("/") : PathRule.locationMatch("^" + Pattern.quote(url) + "(/|$)");
            }
            default -> unmapped(section, label, "a regular-expression directory is not mapped to request paths by the connector");
        };
    }

    /** The URL prefix under which {@code dir} is served, or null. */
    private static String url(Path dir, Path documentRoot, Map<String, Path> aliases) {
        for (Map.Entry<String, Path> alias : aliases.entrySet()) {
            Path target = alias.getValue().normalize();
            if (dir.startsWith(target)) {
                String prefix = alias.getKey().endsWith("/") ? alias.getKey().substring(0, alias.getKey().length() - 1) : alias.getKey();
                return join(prefix, target.relativize(dir));
            }
        }
        if (documentRoot != null) {
            Path root = documentRoot.normalize();
            if (root.startsWith(dir)) {
                return "/";
            }
            if (dir.startsWith(root)) {
                return join("", root.relativize(dir));
            }
        }
        return null;
    }

    private static String join(String prefix, Path relative) {
        String rest = relative.toString();
        String url = rest.isEmpty() ? prefix : prefix + "/" + rest;
        return url.isEmpty() ? "/" : url;
    }

    private PathRule unmapped(Section section, String label, String why) {
        if (DirectiveKinds.holdsTlsOrAccessLines(section)) {
            report.add(Kind.IGNORED, section.where(), label, why + ", so its SSL and access lines apply to no request"
                    + " the connector serves.");
        } else {
            report.add(Kind.IGNORED, section.where(), label, DirectiveKinds.CONTENT);
        }
        return null;
    }

    /** A shell wildcard ({@code *.php}) as a regular expression. */
    private static String glob(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
