package io.tlsconnector.config.httpd;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.http.HttpsRedirect;

/**
 * The redirect lines of a virtual host ({@code Redirect}, {@code RedirectPermanent}, {@code RedirectMatch},
 * {@code RewriteRule} with its {@code RewriteCond}s), and, for a plain HTTP virtual host whose only job is to
 * send every request to https, the {@link HttpsRedirect} the connector's plain connector answers with (F5).
 * The forms read are those certbot, Mozilla's generator and httpd's documentation write.
 */
final class RedirectLines {
    private static final Set<String> NAMES = Set.of("redirect", "redirectpermanent", "redirecttemp", "redirectmatch", "rewriterule",
            "rewritecond", "rewriteengine");
    /** RewriteRule and RedirectMatch patterns that match every path, capturing it (with its slash, or after it). */
    private static final Pattern WHOLE_PATH = Pattern.compile("\\^?\\(\\.\\*\\)\\$?|\\^|\\^?\\.\\*\\$?");
    private static final Pattern AFTER_SLASH = Pattern.compile("\\^/\\??\\(\\.\\*\\)\\$?");
    private static final Pattern TARGET = Pattern.compile("https://(%\\{SERVER_NAME}|%\\{HTTP_HOST}|[A-Za-z0-9.-]+)(?::(\\d+))?(.*)");

    private final HttpdConfReport report;
    private final List<Directive> lines = new ArrayList<>();
    private boolean rewriteEngine;

    RedirectLines(HttpdConfReport report) {
        this.report = report;
    }

    static boolean handles(Directive d) {
        return NAMES.contains(d.name().toLowerCase(Locale.ROOT));
    }

    void record(Directive d) {
        if (d.name().equalsIgnoreCase("RewriteEngine")) {
            rewriteEngine = d.joined().equalsIgnoreCase("on");
            report.add(Kind.READ, d.where(), d.name(), "rewriting " + (rewriteEngine ? "on" : "off") + ".");
            return;
        }
        lines.add(d);
    }

    boolean any() {
        return !lines.isEmpty();
    }

    /** Reports the lines of a TLS virtual host: the connector does not redirect or rewrite its requests. */
    void reportOnTlsHost() {
        for (Directive d : lines) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined(), "the connector does not redirect or rewrite requests"
                    + " on its TLS port; do it in the application (a servlet filter), or remove the line.");
        }
    }

    /**
     * The redirect to https a plain HTTP virtual host makes of every request, or null (its lines reported)
     * when its lines are not one of the forms that send every request to https.
     */
    HttpsRedirect httpsRedirect() {
        HttpsRedirect found = null;
        Directive rule = null;
        List<Directive> conditions = new ArrayList<>();
        for (Directive d : lines) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.equals("rewritecond")) {
                conditions.add(d);
                continue;
            }
            if (name.startsWith("rewrite") && !rewriteEngine) {
                report.add(Kind.IGNORED, d.where(), d.name(), "RewriteEngine is not on, so httpd does not apply it either.");
                continue;
            }
            HttpsRedirect redirect = name.equals("rewriterule") ? rewriteRule(d) : redirect(d);
            if (redirect == null || found != null) {
                report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined(), found != null
                        ? "only one redirect to https per plain HTTP virtual host is carried over."
                        : "not a redirect of every request to https that the connector's plain HTTP connector can make; carried over"
                        + " are 'Redirect [permanent] / https://host/', 'RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [R=301]'"
                        + " and 'RewriteRule ^(.*)$ https://%{HTTP_HOST}$1 [R=301]'.");
                return null;
            }
            found = redirect;
            rule = d;
        }
        if (found == null) {
            return null;
        }
        for (Directive cond : conditions) {
            String reason = condition(cond);
            if (reason == null) {
                report.add(Kind.UNSUPPORTED, cond.where(), cond.name() + " " + cond.joined(), "a condition the plain HTTP connector"
                        + " does not evaluate: it redirects every request.");
                return null;
            }
            report.add(Kind.READ, cond.where(), cond.name() + " " + cond.joined(), reason);
        }
        report.add(Kind.READ, rule.where(), rule.name() + " " + rule.joined(), "every request on this address gets " + found.status()
                + " to https://" + (found.host() != null ? found.host() : "<the request's host>")
                + (found.httpsPort() != 443 ? ":" + found.httpsPort() : "") + "<path>"
                + (rule.joined().contains("%{HTTP_HOST}") ? " (a port in the Host header is not kept)." : "."));
        return found;
    }

    private static String condition(Directive cond) {
        String test = cond.args().isEmpty() ? "" : cond.args().get(0);
        String pattern = cond.args().size() > 1 ? cond.args().get(1) : "";
        if (test.equals("%{HTTPS}") && pattern.matches("(?i)off|!=on|!on|!\\^on\\$")) {
            return "always true on the plain HTTP connector.";
        }
        if (test.equals("%{SERVER_NAME}") || test.equals("%{HTTP_HOST}")) {
            return "the plain HTTP connector redirects every host name it is asked for.";
        }
        if (test.equals("%{REQUEST_URI}") && pattern.contains("acme")) {
            return "ACME http-01 challenge paths are redirected too (a CA follows the redirect to https).";
        }
        return null;
    }

    /** {@code Redirect [status] / https://host[:port][/]}, {@code RedirectPermanent}, {@code RedirectTemp}, {@code RedirectMatch}. */
    private static HttpsRedirect redirect(Directive d) {
        List<String> args = new ArrayList<>(d.args());
        String name = d.name().toLowerCase(Locale.ROOT);
        int status = switch (name) {
            case "redirectpermanent" -> 301;
            case "redirecttemp" -> 302;
            default -> args.size() == 3 ? status(args.remove(0)) : 302;
        };
        if (status == 0 || args.size() != 2) {
            return null;
        }
        String source = args.get(0);
        String target = args.get(1);
        if (name.equals("redirectmatch")) {
            boolean whole = WHOLE_PATH.matcher(source).matches();
            boolean afterSlash = AFTER_SLASH.matcher(source).matches();
            if (whole && target.endsWith("$1") && !target.endsWith("/$1")) {
                target = target.substring(0, target.length() - 2) + "/";
            } else if (afterSlash && target.endsWith("/$1")) {
                target = target.substring(0, target.length() - 2);
            } else {
                return null;
            }
        } else if (!source.equals("/")) {
            return null;
        }
        return target(target, status, "/");
    }

    /** {@code RewriteRule pattern https://... [R=301,L]}. */
    private static HttpsRedirect rewriteRule(Directive d) {
        if (d.args().size() != 3) {
            return null;
        }
        String pattern = d.args().get(0);
        String target = d.args().get(1);
        int status = 0;
        for (String flag : d.args().get(2).replaceAll("^\\[|]$", "").split(",")) {
            String f = flag.trim();
            if (f.equalsIgnoreCase("R") || f.equalsIgnoreCase("redirect")) {
                status = 302;
            } else if (f.matches("(?i)(R|redirect)=.+")) {
                status = status(f.substring(f.indexOf('=') + 1));
            } else if (!f.matches("(?i)L|last|END|NE|noescape|QSA|qsappend")) {
                return null;
            }
        }
        if (status == 0) {
            return null;
        }
        String path;
        if (target.endsWith("%{REQUEST_URI}") && (WHOLE_PATH.matcher(pattern).matches() || AFTER_SLASH.matcher(pattern).matches())) {
            path = "%{REQUEST_URI}";
        } else if (target.endsWith("/$1") && AFTER_SLASH.matcher(pattern).matches()) {
            path = "/$1";
        } else if (target.endsWith("$1") && !target.endsWith("/$1") && WHOLE_PATH.matcher(pattern).matches() && pattern.contains("(")) {
            path = "$1";
        } else {
            return null;
        }
        return target(target.substring(0, target.length() - path.length()) + "/", status, "/");
    }

    /** {@code https://host[:port]/} (the request path follows); null for any other target. */
    private static HttpsRedirect target(String url, int status, String expectedPath) {
        Matcher m = TARGET.matcher(url);
        if (!m.matches()) {
            return null;
        }
        String path = m.group(3);
        if (!path.isEmpty() && !path.equals(expectedPath)) {
            return null;
        }
        int port = m.group(2) == null ? 443 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return null;
        }
        HttpsRedirect redirect = new HttpsRedirect(status, port);
        String host = m.group(1);
        if (!host.startsWith("%{")) {
            URI.create("https://" + host + "/"); // a host name, checked
            redirect = redirect.toHost(host.toLowerCase(Locale.ROOT));
        }
        return redirect;
    }

    private static int status(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "permanent", "301" -> 301;
            case "temp", "302" -> 302;
            case "seeother", "303" -> 303;
            case "307" -> 307;
            case "308" -> 308;
            default -> 0;
        };
    }
}
