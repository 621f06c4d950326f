package io.tlsconnector.config.httpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.ConfNode.Where;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.config.ClientQuirks;
import io.tlsconnector.http.HttpsRedirect;

/**
 * An Apache httpd configuration with mod_ssl, carried over: one {@link Listener} per address its TLS
 * virtual hosts serve (virtual hosts in httpd's order, the first per address the default), and a
 * {@link HttpdConfReport} of what was done with every directive. Reads the SSL-relevant subset of
 * httpd's syntax; other directives are ignored quietly, except those that change TLS behaviour,
 * which the report lists.
 *
 * <pre>{@code
 * HttpdConf conf = HttpdConf.read(Path.of("/etc/apache2/apache2.conf"), Map.of("APACHE_RUN_DIR", "/run/apache2"));
 * for (HttpdConf.Listener l : conf.listeners()) {
 *     JettyTls.addConnector(server, l.address(), l.port(), l.config());
 * }
 * }</pre>
 */
public final class HttpdConf {
    private static final Logger log = LoggerFactory.getLogger(HttpdConf.class);

    /**
     * One address the configuration serves TLS on.
     *
     * @param address the address from {@code <VirtualHost>} (or {@code Listen}); {@code *} for every address
     * @param port    the port
     * @param config  its virtual hosts, the first being the default, and the server-wide settings
     */
    public record Listener(String address, int port, TlsConfig config) {
        public Listener {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(config, "config");
        }

        /** {@code address:port}, e.g. {@code *:443}. */
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    /**
     * A plain HTTP address whose virtual hosts only send every request to https ({@code Redirect},
     * the common {@code RewriteRule} forms): served by the adapters' {@code addHttpRedirect} connector.
     *
     * @param address  the address from {@code <VirtualHost>}; {@code *} for every address
     * @param port     the plain HTTP port, e.g. 80
     * @param redirect what every request there is answered with
     */
    public record HttpRedirect(String address, int port, HttpsRedirect redirect) {
        public HttpRedirect {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(redirect, "redirect");
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    /**
     * How to read: strictly (the default: every directive the connector cannot apply stops the read, naming
     * its {@code file:line}, so nothing that changes who gets in or what is sent is dropped silently), or
     * leniently (those directives become warnings in the report, and the rest is served).
     */
    public static final class Options {
        /** The default. */
        public static final Options STRICT = new Options(false);
        private static final Options LENIENT = new Options(true);
        private final boolean lenient;

        private Options(boolean lenient) {
            this.lenient = lenient;
        }

        public static Options lenient() {
            return LENIENT;
        }

        public boolean isLenient() {
            return lenient;
        }

        @Override
        public String toString() {
            return lenient ? "lenient" : "strict";
        }
    }

    /** Where a virtual host of a listener was declared, for the doctor's messages. */
    record Origin(Listener listener, VirtualHost host, Where where) {
    }

    private final Path file;
    private final List<Listener> listeners;
    private final List<HttpRedirect> redirects;
    private final List<Origin> origins;
    private final HttpdConfReport report;

    private HttpdConf(Path file, List<Listener> listeners, List<HttpRedirect> redirects, List<Origin> origins, HttpdConfReport report) {
        this.file = file;
        this.listeners = List.copyOf(listeners);
        this.redirects = List.copyOf(redirects);
        this.origins = List.copyOf(origins);
        this.report = report;
    }

    /** Reads {@code file} without command-line defines. */
    public static HttpdConf read(Path file) {
        return read(file, Map.of());
    }

    /**
     * Reads {@code file} (and what it includes) as httpd would with mod_ssl loaded.
     *
     * @param defines variables defined before reading, as httpd's {@code -D NAME} or the environment Debian's
     *                apache2ctl exports ({@code APACHE_RUN_DIR}); they win over a {@code Define} of the same name
     * @throws TlsConfigException listing every error, each with its {@code file:line}, directive and fix
     */
    public static HttpdConf read(Path file, Map<String, String> defines) {
        return read(file, defines, Options.STRICT);
    }

    /**
     * As {@link #read(Path, Map)}, strictly or leniently ({@link Options}).
     *
     * @throws TlsConfigException listing every error, each with its {@code file:line}, directive and fix
     */
    public static HttpdConf read(Path file, Map<String, String> defines, Options options) {
        Path conf = file.toAbsolutePath().normalize();
        HttpdConfReport report = new HttpdConfReport();
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        HttpdConfParser parser = new HttpdConfParser(defines, conf.getParent(), report, problems);
        List<ConfNode> nodes = parser.parse(conf);
        ServerMapper server = new ServerMapper(new HostMapper(parser::resolvePath, report, problems), report, problems);
        server.map(nodes);
        problems.throwIfAny();
        List<Origin> origins = new ArrayList<>();
        ListenerAssembly assembly = new ListenerAssembly(server, report, problems);
        List<Listener> listeners = assembly.assemble(origins);
        if (listeners.isEmpty() && problems.isEmpty()) {
            problems.add(null, conf.toString(), "has no virtual host with SSLEngine on and a certificate, so nothing would serve TLS.",
                    "add <VirtualHost *:443> with SSLEngine on, SSLCertificateFile and SSLCertificateKeyFile.");
        }
        List<HttpdConfReport.Entry> notApplied = report.entries().stream()
                .filter(e -> e.kind() == Kind.UNSUPPORTED || e.kind() == Kind.NOT_YET_APPLIED).toList();
        if (!options.isLenient()) {
            for (HttpdConfReport.Entry entry : notApplied) {
                problems.add(null, entry.location() + " " + entry.directive(), "cannot be carried over: " + entry.reason(),
                        "change or remove the line, or read the configuration leniently (tls-samples --lenient,"
                                + " HttpdConf.read(file, defines, HttpdConf.Options.lenient())) to serve without it.");
            }
        }
        problems.throwIfAny();
        HttpdConf result = new HttpdConf(conf, listeners, assembly.redirects, origins, report);
        log.info("Read {}: {} TLS listener(s) {}{}, {} directive(s) not applied (see the report)", conf, listeners.size(), listeners,
                assembly.redirects.isEmpty() ? "" : ", plain HTTP redirect(s) " + assembly.redirects, notApplied.size());
        return result;
    }

    /** The addresses served, in the order httpd declares them. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The plain HTTP addresses that redirect to https, in the order httpd declares them. */
    public List<HttpRedirect> redirects() {
        return redirects;
    }

    /** What was done with every directive read. */
    public HttpdConfReport report() {
        return report;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /**
     * The configuration of the only listener.
     *
     * @throws TlsConfigException when the file serves more than one address
     */
    public TlsConfig tlsConfig() {
        if (listeners.size() != 1) {
            throw new TlsConfigException(new TlsConfigException.Problem(null, file.toString(),
                    "serves " + listeners.size() + " addresses (" + String.join(", ", listeners.stream().map(Listener::toString).toList())
                            + "); one TlsConfig describes the virtual hosts of one address.",
                    "use HttpdConf.read(file, defines).listeners() and add one connector per listener."));
        }
        return listeners.get(0).config();
    }

    List<Origin> origins() {
        return origins;
    }

    /** Builds the listeners from the mapped virtual hosts. */
    private static final class ListenerAssembly {
        private final ServerMapper server;
        private final HttpdConfReport report;
        private final TlsConfigException.Collector problems;
        private final Map<String, List<ServerMapper.VirtualHostSection>> groups = new LinkedHashMap<>();
        final List<HttpRedirect> redirects = new ArrayList<>();

        ListenerAssembly(ServerMapper server, HttpdConfReport report, TlsConfigException.Collector problems) {
            this.server = server;
            this.report = report;
            this.problems = problems;
        }

        List<Listener> assemble(List<Origin> origins) {
            for (ServerMapper.VirtualHostSection vhost : server.virtualHosts) {
                String label = "<VirtualHost " + String.join(" ", vhost.addresses()) + ">";
                if (!vhost.host().engineOn()) {
                    plainHost(vhost, label);
                    continue;
                }
                vhost.host().redirects().reportOnTlsHost();
                if (!vhost.host().hasCertificate(vhost.serverName(), vhost.aliases().keySet())) {
                    problems.add(null, vhost.section().where() + " " + label, "has SSLEngine on but no SSLCertificateFile.",
                            "add SSLCertificateFile and SSLCertificateKeyFile inside it (or at server level), or SSLEngine off.");
                    continue;
                }
                for (String address : vhost.addresses()) {
                    groups.computeIfAbsent(key(address, vhost), k -> new ArrayList<>()).add(vhost);
                }
            }
            if (server.server.engineOn() && server.server.hasCertificate()) {
                for (ServerMapper.Listen listen : server.listens) {
                    groups.putIfAbsent(listen.address() + ":" + listen.port(), new ArrayList<>(List.of(new ServerMapper.VirtualHostSection(
                            new ConfNode.Section(listen.where(), "Listen", List.of(), List.of()), List.of(), null, Map.of(), server.server))));
                }
            }
            for (ServerMapper.Listen listen : server.listens) {
                String key = listen.address() + ":" + listen.port();
                if (!groups.containsKey(key) && groups.keySet().stream().noneMatch(k -> k.endsWith(":" + listen.port()))) {
                    report.add(Kind.IGNORED, listen.where(), "Listen " + key, "no TLS virtual host serves this address; plain HTTP is not served by the connector.");
                }
            }
            List<Listener> listeners = new ArrayList<>();
            groups.forEach((key, vhosts) -> listener(key, vhosts, listeners, origins));
            return listeners;
        }

        /** A plain HTTP virtual host: carried over when it only redirects to https, else not served. */
        private void plainHost(ServerMapper.VirtualHostSection vhost, String label) {
            HttpsRedirect redirect = vhost.host().redirects().any() ? vhost.host().redirects().httpsRedirect() : null;
            if (redirect == null) {
                if (!vhost.host().redirects().any()) {
                    report.add(Kind.IGNORED, vhost.section().where(), label,
                            "SSLEngine is not on: a plain HTTP virtual host, which the TLS connector does not serve.");
                }
                return;
            }
            for (String address : vhost.addresses()) {
                String key = key(address, vhost);
                int colon = key.lastIndexOf(':');
                HttpRedirect http = new HttpRedirect(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)), redirect);
                HttpRedirect earlier = redirects.stream().filter(r -> r.toString().equals(http.toString())).findFirst().orElse(null);
                if (earlier == null) {
                    redirects.add(http);
                } else if (!earlier.redirect().equals(redirect)) {
                    report.add(Kind.UNSUPPORTED, vhost.section().where(), label, "redirects otherwise than the virtual host before it on "
                            + key + "; the plain HTTP connector answers every request on an address the same way.");
                }
            }
        }

        private String key(String address, ServerMapper.VirtualHostSection vhost) {
            String a = address.equals("_default_") ? "*" : address;
            int colon = a.lastIndexOf(':');
            if (colon < 0 || a.endsWith("]")) {
                int port = server.listens.isEmpty() ? 443 : server.listens.get(0).port();
                report.add(Kind.WARNING, vhost.section().where(), "<VirtualHost " + address + ">",
                        "names no port; taken as " + port + " (the first Listen, else 443). Write " + address + ":" + port + ".");
                return a.replaceAll("^\\[|]$", "") + ":" + port;
            }
            int port = ServerMapper.port(a.substring(colon + 1), address);
            if (!server.listens.isEmpty() && server.listens.stream().noneMatch(l -> l.port() == port)) {
                report.add(Kind.WARNING, vhost.section().where(), "<VirtualHost " + address + ">",
                        "no Listen names port " + port + ", so httpd would not accept connections for it; served anyway.");
            }
            return a.substring(0, colon).replaceAll("^\\[|]$", "") + ":" + port;
        }

        private void listener(String key, List<ServerMapper.VirtualHostSection> vhosts, List<Listener> listeners, List<Origin> origins) {
            TlsConfig.Builder config = server.configBuilder();
            List<String> names = new ArrayList<>();
            List<Origin> added = new ArrayList<>();
            for (ServerMapper.VirtualHostSection vhost : vhosts) {
                Where where = vhost.section().where();
                String name = vhost.serverName() != null ? vhost.serverName() : fallbackName(where);
                if (names.contains(name)) {
                    report.add(Kind.IGNORED, where, "<VirtualHost> " + name + " on " + key, "an earlier virtual host on " + key
                            + " has the same name; httpd chooses the first, so this one is never chosen by SNI.");
                    continue;
                }
                List<String> aliases = new ArrayList<>();
                for (Map.Entry<String, Where> entry : vhost.aliases().entrySet()) {
                    String alias = entry.getKey();
                    if (names.contains(alias) || alias.equals(name)) {
                        report.add(Kind.IGNORED, entry.getValue(), "ServerAlias " + alias, "an earlier virtual host on " + key + " answers to it.");
                    } else {
                        aliases.add(alias);
                    }
                }
                try {
                    VirtualHost host = vhost.host().build(name, aliases);
                    names.add(name);
                    names.addAll(aliases);
                    config.virtualHost(host);
                    added.add(new Origin(null, host, where));
                } catch (TlsConfigException e) {
                    e.problems().forEach(p -> problems.add(p.virtualHost(), where + " <VirtualHost> " + p.source(), p.problem(), p.fix()));
                }
            }
            if (added.isEmpty()) {
                return;
            }
            config.clientQuirks(clientQuirks(key, vhosts));
            try {
                int colon = key.lastIndexOf(':');
                Listener listener = new Listener(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)), config.build());
                listeners.add(listener);
                added.forEach(o -> origins.add(new Origin(listener, o.host(), o.where())));
            } catch (TlsConfigException e) {
                e.problems().forEach(p -> problems.add(p.virtualHost(), key + " " + p.source(), p.problem(), p.fix()));
            }
        }

        /**
         * The BrowserMatch lines of the virtual hosts on one address, each line once. The connector applies
         * client quirks per connector, so a line inside one virtual host applies to its neighbours too: warned.
         */
        private ClientQuirks clientQuirks(String key, List<ServerMapper.VirtualHostSection> vhosts) {
            Map<Where, ClientQuirks.Rule> rules = new LinkedHashMap<>();
            vhosts.forEach(v -> v.host().browserMatch().forEach(line -> rules.putIfAbsent(line.where(), line.rule())));
            for (Where where : rules.keySet()) {
                List<String> without = vhosts.stream().filter(v -> v.host().browserMatch().stream().noneMatch(l -> l.where().equals(where)))
                        .map(v -> v.serverName() != null ? v.serverName() : v.section().where().toString()).toList();
                if (!without.isEmpty()) {
                    report.add(Kind.WARNING, where, "BrowserMatch (client quirks)", "applies to every virtual host on " + key
                            + " in the connector, also to " + String.join(", ", without) + ", which do not set it in httpd.");
                }
            }
            return ClientQuirks.of(rules.values().toArray(ClientQuirks.Rule[]::new));
        }

        private String fallbackName(Where where) {
            String name = server.serverName != null ? server.serverName : "localhost";
            report.add(Kind.WARNING, where, "<VirtualHost>", "has no ServerName; named " + name
                    + (server.serverName != null ? " after the main server's ServerName." : " (no ServerName at all). Add ServerName."));
            return name;
        }
    }
}
