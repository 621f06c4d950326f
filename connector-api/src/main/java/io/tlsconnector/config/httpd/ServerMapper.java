package io.tlsconnector.config.httpd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.ConfNode.Section;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.random.RandomSeed;
import io.tlsconnector.session.SessionCaches;

/**
 * The main server's directives: the global mod_ssl settings (pass-phrases, seeding, session cache,
 * strict SNI), Listen, ServerName, and the per-host SSL directives the virtual hosts inherit.
 * Reports the non-SSL directives that change TLS behaviour; every other non-SSL directive is ignored quietly.
 */
final class ServerMapper {
    /** Path-scoped sections: mod_ssl applies SSL directives in them per request, which the connector does not. */
    private static final Set<String> PATH_SECTIONS = Set.of("location", "locationmatch", "directory", "directorymatch", "files",
            "filesmatch", "proxy", "proxymatch", "if", "elseif", "else", "limit", "limitexcept");

    private final HttpdConfReport report;
    private final TlsConfigException.Collector problems;
    final HostMapper server;
    final List<Listen> listens = new ArrayList<>();
    final List<VirtualHostSection> virtualHosts = new ArrayList<>();
    String serverName;
    /** httpd's default is builtin: an encrypted key is asked for on the terminal. */
    private PassPhraseProvider passPhrases = new DefaultPassPhraseDialog();
    private final List<String> seedLines = new ArrayList<>();
    private String sessionCache;
    private Directive sessionCacheDirective;
    private Duration sessionTimeout = SessionCaches.DEFAULT_TIMEOUT;
    private boolean strictSni;
    private boolean sessionCacheReported;

    /** One {@code Listen} line. */
    record Listen(String address, int port, ConfNode.Where where) {
    }

    /** One {@code <VirtualHost>} with its directives mapped. */
    record VirtualHostSection(Section section, List<String> addresses, String serverName, java.util.Map<String, ConfNode.Where> aliases, HostMapper host) {
    }

    ServerMapper(HostMapper server, HttpdConfReport report, TlsConfigException.Collector problems) {
        this.server = server;
        this.report = report;
        this.problems = problems;
    }

    void map(List<ConfNode> nodes) {
        for (ConfNode node : nodes) {
            if (node instanceof Section section) {
                section(section, server, null);
            } else if (node instanceof Directive d && !global(d) && !server.apply(d)) {
                other(d, null);
            }
        }
    }

    private void section(Section section, HostMapper host, VirtualHostSection vhost) {
        String lower = section.name().toLowerCase(Locale.ROOT);
        if (lower.equals("virtualhost") && vhost == null) {
            virtualHost(section);
        } else if (PATH_SECTIONS.contains(lower)) {
            for (ConfNode node : section.children()) {
                if (node instanceof Directive d && PendingDirectives.pendingInPath(d)) {
                    report.add(Kind.NOT_YET_APPLIED, d.where(), d.name() + " " + d.raw() + " in <" + section.name() + " "
                            + String.join(" ", section.args()) + ">", PendingDirectives.PATH_REASON);
                } else if (node instanceof Directive d && d.name().regionMatches(true, 0, "SSL", 0, 3)) {
                    report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined() + " in <" + section.name() + " "
                            + String.join(" ", section.args()) + ">", "the connector applies SSL settings per virtual host,"
                            + " not per path; the virtual host's settings apply to every path.");
                } else if (node instanceof Section nested) {
                    section(nested, host, vhost);
                }
            }
        } else {
            report.add(Kind.IGNORED, section.where(), "<" + section.name() + ">", "not an SSL section; its content is not read.");
        }
    }

    private void virtualHost(Section section) {
        HostMapper host = server.inherit();
        String name = null;
        java.util.Map<String, ConfNode.Where> aliases = new java.util.LinkedHashMap<>();
        for (ConfNode node : section.children()) {
            if (node instanceof Section nested) {
                section(nested, host, null);
                continue;
            }
            Directive d = (Directive) node;
            switch (d.name().toLowerCase(Locale.ROOT)) {
                case "servername" -> {
                    name = hostName(d);
                    host.serverNamePort(namePort(d));
                    report.add(Kind.READ, d.where(), "ServerName", "virtual host name " + name + ".");
                }
                case "serveralias" -> {
                    d.args().forEach(a -> aliases.putIfAbsent(a.toLowerCase(Locale.ROOT), d.where()));
                    report.add(Kind.READ, d.where(), "ServerAlias", "also answers to " + d.joined() + ".");
                }
                default -> {
                    if (!global(d) && !host.apply(d)) {
                        other(d, section);
                    }
                }
            }
        }
        virtualHosts.add(new VirtualHostSection(section, section.args(), name, aliases, host));
    }

    /** The server-wide directives; true when {@code d} was one. */
    private boolean global(Directive d) {
        try {
            switch (d.name().toLowerCase(Locale.ROOT)) {
                case "sslpassphrasedialog" -> {
                    passPhrases = PassPhraseProvider.parse(d.joined());
                    report.add(Kind.READ, d.where(), d.name(), "pass-phrases from " + passPhrases + ".");
                }
                case "sslrandomseed" -> {
                    seedLines.add(d.joined());
                    RandomSeed.parse(seedLines);
                    report.add(Kind.READ, d.where(), d.name(), "seeds with " + d.joined() + ".");
                }
                case "sslsessioncache" -> {
                    if (d.joined().matches("(?i)none|nonenotnull|shmcb:.*")) {
                        SessionCaches.parse(d.joined(), sessionTimeout).close(); // checks the syntax; network caches connect when served
                    }
                    sessionCache = d.joined();
                    sessionCacheDirective = d;
                    report.add(Kind.READ, d.where(), d.name(), "session cache " + sessionCache + ".");
                }
                case "sslsessioncachetimeout" -> {
                    sessionTimeout = SessionCaches.parseTimeout(d.joined());
                    report.add(Kind.READ, d.where(), d.name(), "sessions resume for " + sessionTimeout.toSeconds() + " s.");
                }
                case "sslstrictsnivhostcheck" -> {
                    strictSni |= HostMapper.onOff(d, d.joined());
                    report.add(Kind.READ, d.where(), d.name(), "strict SNI " + (strictSni ? "on" : "off")
                            + (strictSni ? " for every virtual host (a TlsConfig-wide setting in the connector)." : "."));
                }
                case "sslstaplingcache" -> report.add(Kind.IGNORED, d.where(), d.name(),
                        "the connector keeps OCSP responses in memory; no cache needs configuring.");
                case "listen" -> listen(d);
                case "servername" -> {
                    serverName = hostName(d);
                    server.serverNamePort(namePort(d));
                    report.add(Kind.READ, d.where(), d.name(), "main server name " + serverName + ".");
                }
                default -> {
                    return false;
                }
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
            problems.add(null, d.where() + " " + d.name(), message, DirectiveSyntax.fix(d.name()));
        }
        return true;
    }

    private void listen(Directive d) {
        if (d.args().isEmpty() || d.args().size() > 2) {
            throw new IllegalArgumentException("takes [address:]port and an optional protocol, got " + d.args().size() + " arguments");
        }
        String spec = d.args().get(0);
        int colon = spec.lastIndexOf(':');
        String address = colon < 0 || spec.endsWith("]") ? "*" : spec.substring(0, colon).replaceAll("^\\[|]$", "");
        int port = port(colon < 0 ? spec : spec.substring(colon + 1), d.joined());
        listens.add(new Listen(address, port, d.where()));
        report.add(Kind.READ, d.where(), "Listen", "accepts connections on " + address + ":" + port + ".");
    }

    static int port(String text, String whole) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + whole + "' has no port number between 0 and 65535");
    }

    /** Non-SSL directives: quiet, except those that change TLS behaviour. */
    private void other(Directive d, Section vhost) {
        String name = d.name().toLowerCase(Locale.ROOT);
        String args = d.joined().toLowerCase(Locale.ROOT);
        if (name.startsWith("ssl")) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name(), "the connector has no counterpart for this mod_ssl directive.");
        } else if (name.equals("header") && args.contains("strict-transport-security")) {
            report.add(Kind.IGNORED, d.where(), "Header Strict-Transport-Security",
                    "changes TLS behaviour but is not carried over; set TlsConfig.Builder.hsts(Hsts.maxAge(...)).");
        } else if ((name.equals("setenvif") || name.equals("setenvifnocase"))
                && (args.contains("ssl-unclean-shutdown") || args.contains("nokeepalive") || args.contains("downgrade-1.0"))) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + (d.args().isEmpty() ? "" : d.args().get(0)) + " (client quirks)",
                    "the connector chooses client quirks by the User-Agent header only; this line matches another attribute,"
                            + " so it is not carried over.");
        } else if (name.equals("protocols")) {
            report.add(Kind.IGNORED, d.where(), "Protocols", "ALPN is negotiated by the container's own HTTP/2 set-up.");
        }
    }

    /** The host part of a ServerName argument: {@code https://www.example.com:443} gives {@code www.example.com}. */
    private static String hostName(Directive d) {
        if (d.args().size() != 1) {
            throw new IllegalArgumentException("takes one host name, got " + d.args().size() + " arguments");
        }
        String name = d.args().get(0).replaceFirst("^[a-zA-Z]+://", "");
        int colon = name.lastIndexOf(':');
        return (colon > 0 && !name.endsWith("]") ? name.substring(0, colon) : name).toLowerCase(Locale.ROOT);
    }

    /** The port of a ServerName argument ({@code www.example.com:8443} gives 8443), or 0 when it names none. */
    private static int namePort(Directive d) {
        String name = d.args().get(0).replaceFirst("^[a-zA-Z]+://", "");
        int colon = name.lastIndexOf(':');
        return colon > 0 && !name.endsWith("]") && name.substring(colon + 1).matches("\\d{1,5}")
                ? Math.min(65535, Integer.parseInt(name.substring(colon + 1))) : 0;
    }

    /** A TlsConfig builder with the global settings: pass-phrases, seeding, session cache and timeout, strict SNI. */
    TlsConfig.Builder configBuilder() {
        TlsConfig.Builder config = TlsConfig.builder().passPhraseProvider(passPhrases).sessionCacheTimeout(sessionTimeout)
                .strictSniVHostCheck(strictSni);
        if (!seedLines.isEmpty()) {
            config.randomSeed(RandomSeed.parse(seedLines));
        }
        if (sessionCache != null) {
            try {
                config.sessionCache(SessionCaches.parse(sessionCache, sessionTimeout));
            } catch (IllegalArgumentException e) {
                if (sessionCacheReported) {
                    return config;
                }
                sessionCacheReported = true;
                problems.add(null, sessionCacheDirective.where() + " SSLSessionCache", e.getMessage() + ".", DirectiveSyntax.fix("SSLSessionCache"));
            }
        }
        return config;
    }
}
