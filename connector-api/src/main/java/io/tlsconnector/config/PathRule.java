package io.tlsconnector.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tlsconnector.expression.SslExpression;

/**
 * What httpd's {@code <Location>}, {@code <LocationMatch>} and {@code <FilesMatch>} sections say about TLS
 * for the requests they match (F13, F33): access rules ({@code SSLRequire}, {@code Require ssl},
 * {@code Require ssl-verify-client}, a per-path {@code SSLVerifyClient require}, {@code Require all denied})
 * and {@code SSLOptions} changes. The connector applies them itself, before the application sees the
 * request: a request a rule denies is answered with 403.
 *
 * <pre>{@code
 * VirtualHost.builder("www.example.com")
 *     .verifyClient(VerifyClient.OPTIONAL)
 *     .pathRule(PathRule.location("/admin").requireVerifiedClient()
 *         .sslRequire("%{SSL_CLIENT_S_DN_OU} in {\"Staff\"}"))
 * }</pre>
 *
 * Rules apply in the order they were added, each matching one over the options the previous ones left,
 * as httpd merges its sections.
 */
public final class PathRule {
    /** How a rule's pattern is matched against the request path. */
    public enum Match {
        /** {@code <Location /path>}: the path starts with the pattern (as httpd, {@code /admin} also matches {@code /adminx}). */
        PREFIX,
        /** {@code <LocationMatch regex>} or {@code <Location ~ regex>}: the regular expression is found in the path. */
        REGEX,
        /** {@code <FilesMatch regex>}: the regular expression is found in the path's last segment. */
        FILE_NAME
    }

    private final Match match;
    private final String pattern;
    private final Pattern compiled;
    private final List<String> optionChanges;
    private final List<SslExpression> requirements;
    private final boolean verifiedClient;
    private final Access access;
    private final String origin;

    /**
     * What httpd's {@code Require} lines of the section say. The last matching rule that says anything decides,
     * as a section with {@code Require} replaces what enclosing sections required (httpd's default
     * {@code AuthMerging Off}); {@code SSLRequire} expressions, by contrast, add up over every matching rule.
     */
    public enum Access {
        /** No {@code Require} line: what earlier rules said stands. */
        UNSTATED,
        /** {@code Require all granted}, or {@code Require ssl} (every request on the TLS connector satisfies it). */
        GRANTED,
        /** {@code Require all denied}. */
        DENIED,
        /** {@code Require ssl-verify-client}: the connection's client certificate verified. */
        VERIFIED_CLIENT
    }

    private PathRule(Match match, String pattern, List<String> optionChanges, List<SslExpression> requirements,
                     boolean verifiedClient, Access access, String origin) {
        this.match = match;
        this.pattern = pattern;
        this.compiled = match == Match.PREFIX ? null : Pattern.compile(pattern);
        this.optionChanges = List.copyOf(optionChanges);
        this.requirements = List.copyOf(requirements);
        this.verifiedClient = verifiedClient;
        this.access = access;
        this.origin = origin;
    }

    /** {@code <Location prefix>}. */
    public static PathRule location(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("a Location path starts with '/', was '" + prefix + "'");
        }
        return new PathRule(Match.PREFIX, prefix, List.of(), List.of(), false, Access.UNSTATED, null);
    }

    /** {@code <LocationMatch regex>}. */
    public static PathRule locationMatch(String regex) {
        return new PathRule(Match.REGEX, checked(regex), List.of(), List.of(), false, Access.UNSTATED, null);
    }

    /** {@code <FilesMatch regex>}, matched against the last segment of the request path. */
    public static PathRule filesMatch(String regex) {
        return new PathRule(Match.FILE_NAME, checked(regex), List.of(), List.of(), false, Access.UNSTATED, null);
    }

    private static String checked(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }

    /**
     * {@code SSLOptions} for the matched requests, in mod_ssl's syntax: {@code +Name}/{@code -Name} change the
     * options in force, a bare name replaces them.
     */
    public PathRule sslOptions(String words) {
        List<String> changes = new ArrayList<>(optionChanges);
        for (String word : words.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                option(word); // names the option when unknown
                changes.add(word);
            }
        }
        return new PathRule(match, pattern, changes, requirements, verifiedClient, access, origin);
    }

    /**
     * {@code SSLRequire} (or {@code Require expr}): the request passes only when the expression holds.
     *
     * @throws IllegalArgumentException when the expression cannot be parsed, naming the position
     */
    public PathRule sslRequire(String expression) {
        List<SslExpression> all = new ArrayList<>(requirements);
        all.add(SslExpression.parse(expression));
        return new PathRule(match, pattern, optionChanges, all, verifiedClient, access, origin);
    }

    /**
     * A per-path {@code SSLVerifyClient require} (or {@code Require ssl-verify-client}): the request passes
     * only over a connection whose client certificate verified. The host must ask for certificates
     * ({@link VerifyClient#OPTIONAL}); the connector does not renegotiate to ask later.
     */
    public PathRule requireVerifiedClient() {
        return new PathRule(match, pattern, optionChanges, requirements, true, access, origin);
    }

    /** {@code Require all denied}: every matched request is answered with 403. */
    public PathRule denyAll() {
        return access(Access.DENIED);
    }

    /** What the section's {@code Require} line says ({@link Access}). */
    public PathRule access(Access required) {
        return new PathRule(match, pattern, optionChanges, requirements, verifiedClient, Objects.requireNonNull(required, "access"), origin);
    }

    /** Where the rule was written, e.g. {@code ssl.conf:12 <Location /admin>}, for log lines and messages. */
    public PathRule describedAs(String where) {
        return new PathRule(match, pattern, optionChanges, requirements, verifiedClient, access, where);
    }

    public Match match() {
        return match;
    }

    public String pattern() {
        return pattern;
    }

    /** The SSLOptions words, as given. */
    public List<String> optionChanges() {
        return optionChanges;
    }

    /** The SSLRequire expressions; every one must hold. */
    public List<SslExpression> requirements() {
        return requirements;
    }

    public boolean requiresVerifiedClient() {
        return verifiedClient;
    }

    public Access access() {
        return access;
    }

    /** Whether the rule matches the request path (decoded, without the query). */
    public boolean matches(String path) {
        return switch (match) {
            case PREFIX -> path.startsWith(pattern);
            case REGEX -> compiled.matcher(path).find();
            case FILE_NAME -> compiled.matcher(path.substring(path.lastIndexOf('/') + 1)).find();
        };
    }

    /** The options in force after this rule's SSLOptions words, starting from {@code current}. */
    public Set<SslOption> applyOptions(Set<SslOption> current) {
        Set<SslOption> options = current.isEmpty() ? EnumSet.noneOf(SslOption.class) : EnumSet.copyOf(current);
        for (String word : optionChanges) {
            SslOption option = option(word);
            if (word.startsWith("-")) {
                options.remove(option);
            } else {
                if (!word.startsWith("+")) {
                    options.clear();
                }
                options.add(option);
            }
        }
        return options;
    }

    private static SslOption option(String word) {
        return SslOption.parse(word.replaceFirst("^[+-]", "")).iterator().next();
    }

    /** For messages: the origin when known, else the section it stands for. */
    @Override
    public String toString() {
        if (origin != null) {
            return origin;
        }
        return switch (match) {
            case PREFIX -> "<Location " + pattern + ">";
            case REGEX -> "<LocationMatch " + pattern + ">";
            case FILE_NAME -> "<FilesMatch " + pattern + ">";
        } + describeRules();
    }

    private String describeRules() {
        List<String> parts = new ArrayList<>();
        if (!optionChanges.isEmpty()) {
            parts.add("SSLOptions " + String.join(" ", optionChanges));
        }
        requirements.forEach(r -> parts.add("SSLRequire " + r));
        if (verifiedClient) {
            parts.add("SSLVerifyClient require");
        }
        switch (access) {
            case GRANTED -> parts.add("Require all granted");
            case DENIED -> parts.add("Require all denied");
            case VERIFIED_CLIENT -> parts.add("Require ssl-verify-client");
            default -> {
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }
}
