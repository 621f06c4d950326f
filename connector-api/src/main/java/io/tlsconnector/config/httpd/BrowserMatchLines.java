package io.tlsconnector.config.httpd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.config.ClientQuirk;
import io.tlsconnector.config.ClientQuirks;

/**
 * mod_setenvif's {@code BrowserMatch}, {@code BrowserMatchNoCase} and {@code SetEnvIf[NoCase] User-Agent}
 * lines, as far as they set the variables httpd and mod_ssl act on: {@code nokeepalive},
 * {@code downgrade-1.0} and {@code ssl-unclean-shutdown} become {@link ClientQuirks} rules; every other
 * variable is reported, since the connector has no environment an application could read it from.
 */
final class BrowserMatchLines {
    /** A mapped line: where it is, and its rule. */
    record Line(ConfNode.Where where, ClientQuirks.Rule rule) {
    }

    private final HttpdConfReport report;
    private final List<Line> lines = new ArrayList<>();

    BrowserMatchLines(HttpdConfReport report) {
        this.report = report;
    }

    BrowserMatchLines copy() {
        BrowserMatchLines copy = new BrowserMatchLines(report);
        copy.lines.addAll(lines);
        return copy;
    }

    /** BrowserMatch[NoCase], or SetEnvIf[NoCase] on the User-Agent header. */
    static boolean handles(Directive d) {
        return switch (d.name().toLowerCase(Locale.ROOT)) {
            case "browsermatch", "browsermatchnocase" -> true;
            case "setenvif", "setenvifnocase" -> !d.args().isEmpty() && d.args().get(0).equalsIgnoreCase("User-Agent");
            default -> false;
        };
    }

    /** Reads {@code d}; throws IllegalArgumentException for a malformed line, as httpd refuses to start. */
    void record(Directive d) {
        String name = d.name().toLowerCase(Locale.ROOT);
        List<String> args = name.startsWith("setenvif") ? d.args().subList(1, d.args().size()) : d.args();
        if (args.size() < 2) {
            throw new IllegalArgumentException("takes a regular expression and at least one variable, got " + d.joined());
        }
        Pattern userAgent;
        try {
            userAgent = Pattern.compile(args.get(0), name.endsWith("nocase") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + args.get(0) + "' is not a regular expression (" + e.getDescription() + ")");
        }
        Set<ClientQuirk> quirks = EnumSet.noneOf(ClientQuirk.class);
        List<String> unmapped = new ArrayList<>();
        List<String> unsets = new ArrayList<>();
        for (String variable : args.subList(1, args.size())) {
            String flag = variable.startsWith("!") ? variable.substring(1) : variable.replaceFirst("=.*", "");
            ClientQuirk quirk = quirk(flag);
            if (quirk != null && variable.startsWith("!")) {
                unsets.add(variable);
            } else if (quirk != null) {
                quirks.add(quirk); // httpd tests only that the variable is set, so nokeepalive=0 counts too
            } else {
                unmapped.add(variable);
            }
        }
        String label = d.name() + " \"" + args.get(0) + "\"";
        if (!quirks.isEmpty()) {
            ClientQuirks.Rule rule = new ClientQuirks.Rule(userAgent, quirks);
            lines.add(new Line(d.where(), rule));
            report.add(Kind.READ, d.where(), label, "client quirks " + String.join(" ", quirks.stream().map(ClientQuirk::flag).toList())
                    + " for User-Agents matching it.");
        }
        if (!unsets.isEmpty()) {
            report.add(Kind.UNSUPPORTED, d.where(), label + " " + String.join(" ", unsets), "a client quirk cannot be taken back"
                    + " for some User-Agents; every rule that matches applies. Narrow the regular expression of the rule that sets it.");
        }
        if (!unmapped.isEmpty()) {
            report.add(Kind.IGNORED, d.where(), label + " " + String.join(" ", unmapped), "the connector has no counterpart for "
                    + (unmapped.size() == 1 ? "this variable" : "these variables") + "; it maps nokeepalive, downgrade-1.0 and"
                    + " ssl-unclean-shutdown only.");
        }
    }

    private static ClientQuirk quirk(String flag) {
        for (ClientQuirk quirk : ClientQuirk.values()) {
            if (quirk.flag().equalsIgnoreCase(flag)) {
                return quirk;
            }
        }
        return null;
    }

    /** The mapped lines, in the order read (server level first, as a virtual host inherits them). */
    List<Line> lines() {
        return List.copyOf(lines);
    }
}
