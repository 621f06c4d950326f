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
import io.tlsconnector.session.SharedStores;

/**
 * The main server's directives: the global mod_ssl settings (pass-phrases, seeding, session cache,
 * strict SNI), Listen, ServerName, and the per-host SSL directives the virtual hosts inherit.
 * Reports the non-SSL directives that change TLS behaviour; every other non-SSL directive is ignored quietly.
 */
final class ServerMapper {

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
    private Duration sessionTimeout = SharedStores.DEFAULT_TIMEOUT;
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

    /**
     * Maps the main server's directives first and the virtual hosts after them: httpd merges the main
     * server's settings into every virtual host once the whole file is read, so an SSLProtocol written
     * after the {@code <VirtualHost>} blocks (as Mozilla's generator does) still applies to them.
     */
    void map(List<ConfNode> nodes) {
        List<Section> vhosts = new ArrayList<>();
        for (ConfNode node : nodes) {
            if (node instanceof Section section && section.name().equalsIgnoreCase("VirtualHost")) {
                vhosts.add(section);
            } else if (node instanceof Section section) {
                section(section, server);
            } else if (node instanceof Directive d && !global(d) && !server.apply(d)) {
                other(d, null);
            }
        }
        server.redirects().reportOnTlsHost();
        vhosts.forEach(this::virtualHost);
    }

    private void section(Section section, HostMapper host) {
        String lower = section.name().toLowerCase(Locale.ROOT);
        String label = "<" + section.name() + " " + String.join(" ", section.args()) + ">";
        if (lower.equals("virtualhost")) {
            problems.add(null, section.where() + " " + label, "is inside another <VirtualHost>, which httpd does not allow.",
                    "close the enclosing </VirtualHost> first.");
        } else if (PathSections.NAMES.contains(lower)) {
            host.pathSection(section);
        } else if (DirectiveKinds.holdsTlsOrAccessLines(section)) {
            report.add(Kind.UNSUPPORTED, section.where(), label, "the connector does not evaluate this section, and it holds SSL or"
                    + " access lines; move them out of it, or guard the requests in the application.");
        } else {
            report.add(Kind.IGNORED, section.where(), label, "holds no SSL or access line; " + DirectiveKinds.CONTENT);
        }
    }


    private void virtualHost(Section section) {
        HostMapper host = server.inherit();
        String name = null;
        java.util.Map<String, ConfNode.Where> aliases = new java.util.LinkedHashMap<>();
        for (ConfNode node : section.children()) {
            if (node instanceof Section nested) {
                section(nested, host);
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
                        SharedStores.parse(d.joined(), sessionTimeout).close(); // checks the syntax; network caches connect when served
                    }
                    sessionCache = d.joined();
                    sessionCacheDirective = d;
                    report.add(Kind.READ, d.where(), d.name(), "session cache " + sessionCache + ".");
                }
                case "sslsessioncachetimeout" -> {
                    sessionTimeout = SharedStores.parseTimeout(d.joined());
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

    /**
     * The directives neither global nor per-host SSL ones: those that are not the connector's business are
     * reported ignored with the reason; any other is unsupported, which stops a strict read.
     */
    private void other(Directive d, Section vhost) {
        String name = d.name().toLowerCase(Locale.ROOT);
        String args = d.joined().toLowerCase(Locale.ROOT);
        String notOurs = DirectiveKinds.notOurs(name);
        if (notOurs != null) {
            report.add(Kind.IGNORED, d.where(), d.name(), notOurs);
        } else if (name.startsWith("ssl")) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name(), "the connector has no counterpart for this mod_ssl directive.");
        } else if ((name.equals("setenvif") || name.equals("setenvifnocase"))
                && (args.contains("ssl-unclean-shutdown") || args.contains("nokeepalive") || args.contains("downgrade-1.0"))) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + (d.args().isEmpty() ? "" : d.args().get(0)) + " (client quirks)",
                    "the connector chooses client quirks by the User-Agent header only; this line matches another attribute,"
                            + " so it is not carried over.");
        } else if (name.equals("protocols")) {
            report.add(Kind.IGNORED, d.where(), "Protocols", "ALPN is negotiated by the container's own HTTP/2 set-up.");
        } else if (name.equals("setenvif") || name.equals("setenvifnocase")) {
            report.add(Kind.IGNORED, d.where(), d.name() + " " + d.joined(), "sets variables for httpd's own handlers; "
                    + DirectiveKinds.CONTENT);
        } else {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined(), "not a directive the connector knows what to do with;"
                    + " it may change who gets in or what is sent, so it is not dropped silently.");
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
                config.sessionCache(SharedStores.parse(sessionCache, sessionTimeout));
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
