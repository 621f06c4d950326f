package io.tlsconnector.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-client workarounds chosen by User-Agent pattern, as httpd's
 * {@code BrowserMatch ".*MSIE.*" nokeepalive ssl-unclean-shutdown downgrade-1.0} (F34). Rules are
 * tried in order and all matching rules apply.
 */
public final class ClientQuirks {
    /** No rule. */
    public static final ClientQuirks NONE = new ClientQuirks(List.of());

    /** One rule: a regular expression searched in the User-Agent header, and what to do for it. */
    public record Rule(Pattern userAgent, Set<ClientQuirk> quirks) {
        public Rule {
            Objects.requireNonNull(userAgent, "userAgent");
            quirks = Set.copyOf(quirks);
        }

        @Override
        public String toString() {
            return "BrowserMatch \"" + userAgent.pattern() + "\" " + String.join(" ", quirks.stream().map(ClientQuirk::flag).sorted().toList());
        }
    }

    private final List<Rule> rules;

    private ClientQuirks(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ClientQuirks of(Rule... rules) {
        return new ClientQuirks(Arrays.asList(rules));
    }

    /** Adds a rule: {@code userAgentRegex} is searched (not fully matched) in the User-Agent header. */
    public ClientQuirks and(String userAgentRegex, ClientQuirk first, ClientQuirk... more) {
        List<Rule> all = new ArrayList<>(rules);
        all.add(new Rule(Pattern.compile(userAgentRegex), EnumSet.of(first, more)));
        return new ClientQuirks(all);
    }

    /**
     * Parses httpd's syntax, one directive per line:
     * {@code BrowserMatch "MSIE [2-5]" nokeepalive ssl-unclean-shutdown downgrade-1.0}.
     */
    public static ClientQuirks parse(String directives) {
        List<Rule> parsed = new ArrayList<>();
        for (String line : directives.split("\\R")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            var m = Pattern.compile("(?i)BrowserMatch\\s+(\"([^\"]*)\"|(\\S+))\\s+(.+)").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not of the form BrowserMatch \"regex\" flag...");
            }
            String regex = m.group(2) != null ? m.group(2) : m.group(3);
            Set<ClientQuirk> quirks = EnumSet.noneOf(ClientQuirk.class);
            for (String flag : m.group(4).trim().split("\\s+")) {
                quirks.add(ClientQuirk.parse(flag));
            }
            parsed.add(new Rule(Pattern.compile(regex), quirks));
        }
        return new ClientQuirks(parsed);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Every workaround for this User-Agent; empty for {@code null}. */
    public Set<ClientQuirk> forUserAgent(String userAgent) {
        Set<ClientQuirk> quirks = EnumSet.noneOf(ClientQuirk.class);
        if (userAgent != null) {
            for (Rule rule : rules) {
                if (rule.userAgent().matcher(userAgent).find()) {
                    quirks.addAll(rule.quirks());
                }
            }
        }
        return quirks;
    }

    @Override
    public String toString() {
        return "ClientQuirks" + rules;
    }
}
