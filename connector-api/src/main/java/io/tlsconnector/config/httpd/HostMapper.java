package io.tlsconnector.config.httpd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.CipherPolicy;
import io.tlsconnector.cipher.ProtocolSet;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.ClientOcsp;
import io.tlsconnector.config.KeyExchangeGroups;
import io.tlsconnector.config.OcspStapling;
import io.tlsconnector.config.PathRule;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.SignatureAlgorithms;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.ConfNode.Section;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;
import io.tlsconnector.config.Hsts;
import io.tlsconnector.passphrase.PassPhraseRequest;

/**
 * The SSL directives of one virtual host (or of the main server, which virtual hosts inherit, as
 * mod_ssl merges server configurations): collects them and builds the {@link VirtualHost}.
 */
final class HostMapper {
    private final Function<String, Path> paths;
    private final HttpdConfReport report;
    private final TlsConfigException.Collector problems;
    private PendingDirectives pending;
    private BrowserMatchLines browserMatch;
    private ModMdDirectives modMd;

    private Boolean engine;
    private List<Path> certificates = new ArrayList<>();
    private List<Path> keys = new ArrayList<>();
    private Path chain;
    private Set<SslOption> options = EnumSet.noneOf(SslOption.class);
    private VerifyClient verifyClient = VerifyClient.NONE;
    private Path caFile;
    private String protocols;
    private String cipherSpec;
    private String tls13CipherSpec;
    private Boolean honorCipherOrder;
    private Path dhParameters;
    private String groups;
    private OcspStapling stapling = OcspStapling.OFF;
    private Path ticketKeyFile;
    private Hsts hsts;
    private Path documentRoot;
    private Map<String, Path> aliases = new LinkedHashMap<>();
    private List<Section> pathSections = new ArrayList<>();
    private RedirectLines redirects;
    private Path srpVerifierFile;
    private String srpUnknownUserSeed;
    private boolean sessionTickets = true;
    private String signatureAlgorithms;
    private String userName;
    private ClientOcsp ocsp = ClientOcsp.OFF;
    private URI defaultResponder;
    private boolean overrideResponder;
    private Duration ocspTimeout = ClientOcsp.OFF.timeout();
    private int idPort = PassPhraseRequest.DEFAULT_PORT;

    HostMapper(Function<String, Path> paths, HttpdConfReport report, TlsConfigException.Collector problems) {
        this.paths = paths;
        this.report = report;
        this.problems = problems;
        this.pending = new PendingDirectives(paths, report);
        this.browserMatch = new BrowserMatchLines(report);
        this.redirects = new RedirectLines(report);
        this.modMd = new ModMdDirectives(paths, report);
    }

    /** A virtual host's mapper, starting from what the main server set (mod_ssl's merge of server configurations). */
    HostMapper inherit() {
        HostMapper child = new HostMapper(paths, report, problems);
        child.engine = engine;
        child.certificates = new ArrayList<>(certificates);
        child.keys = new ArrayList<>(keys);
        child.chain = chain;
        child.options = EnumSet.copyOf(options);
        child.verifyClient = verifyClient;
        child.caFile = caFile;
        child.protocols = protocols;
        child.cipherSpec = cipherSpec;
        child.tls13CipherSpec = tls13CipherSpec;
        child.honorCipherOrder = honorCipherOrder;
        child.dhParameters = dhParameters;
        child.groups = groups;
        child.stapling = stapling;
        child.ticketKeyFile = ticketKeyFile;
        child.srpVerifierFile = srpVerifierFile;
        child.srpUnknownUserSeed = srpUnknownUserSeed;
        child.sessionTickets = sessionTickets;
        child.signatureAlgorithms = signatureAlgorithms;
        child.userName = userName;
        child.ocsp = ocsp;
        child.defaultResponder = defaultResponder;
        child.overrideResponder = overrideResponder;
        child.ocspTimeout = ocspTimeout;
        child.idPort = idPort;
        child.pending = pending.copy();
        child.browserMatch = browserMatch.copy();
        child.hsts = hsts;
        child.documentRoot = documentRoot;
        child.aliases = new LinkedHashMap<>(aliases);
        child.pathSections = new ArrayList<>(pathSections);
        child.modMd = modMd.copy();
        return child;
    }

    boolean engineOn() {
        return Boolean.TRUE.equals(engine);
    }

    boolean engineSet() {
        return engine != null;
    }

    /**
     * Applies {@code d} when it is a per-host SSL directive.
     *
     * @return false when {@code d} is not one (the caller decides)
     */
    boolean apply(Directive d) {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (name.equals("sslengine") && d.joined().equalsIgnoreCase("optional")) {
            // Never read as on: a client expecting an RFC 2817 upgrade would get a TLS handshake instead.
            problems.add(null, d.where() + " " + d.name(), "SSLEngine optional (upgrading a plain HTTP connection to TLS, RFC 2817)"
                    + " is not supported: the connector speaks TLS from the first byte of every connection.",
                    "write SSLEngine on, so clients connect with https://; serve plain HTTP with a connector of its own.");
            return true;
        }
        try {
            if (pending.handles(name)) {
                pending.record(d);
                return true;
            }
            if (ModMdDirectives.handles(name)) {
                modMd.record(d);
                return true;
            }
            if (BrowserMatchLines.handles(d)) {
                browserMatch.record(d);
                return true;
            }
            if (RedirectLines.handles(d)) {
                redirects.record(d);
                return true;
            }
            if (contentMapping(name, d)) {
                return true;
            }
            if (name.equals("header")) {
                header(d);
                return true;
            }
            String result = applyKnown(name, d);
            if (result == null) {
                return false;
            }
            report.add(result.startsWith("!") ? Kind.UNSUPPORTED : Kind.READ, d.where(), d.name(), result.replaceFirst("^!", ""));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
            problems.add(null, d.where() + " " + d.name(), message, DirectiveSyntax.fix(d));
        }
        return true;
    }

    /** Applies a known directive and says what it did ({@code !} first: not supported), or null when unknown. */
    private String applyKnown(String name, Directive d) {
        switch (name) {
            case "sslengine" -> {
                engine = onOff(d, d.joined());
                return "TLS " + (engine ? "on" : "off") + ".";
            }
            case "sslcertificatefile" -> {
                certificates.add(path(d));
                return "certificate " + certificates.get(certificates.size() - 1) + ".";
            }
            case "sslcertificatekeyfile" -> {
                keys.add(path(d));
                return "private key " + keys.get(keys.size() - 1) + ".";
            }
            case "sslcertificatechainfile" -> {
                chain = path(d);
                return "chain " + chain + ".";
            }
            case "sslcacertificatefile" -> {
                caFile = path(d);
                return "client CAs from " + caFile + ".";
            }
            case "sslverifyclient" -> {
                verifyClient = VerifyClient.parse(one(d));
                return "client certificates: " + verifyClient + ".";
            }
            case "ssloptions" -> {
                return options(d);
            }
            case "sslprotocol" -> {
                ProtocolSet.parse(d.joined());
                protocols = d.joined();
                return "protocols " + protocols + ".";
            }
            case "sslciphersuite" -> {
                return cipherSuite(d);
            }
            case "sslhonorcipherorder" -> {
                honorCipherOrder = onOff(d, d.joined());
                return "server cipher order " + (honorCipherOrder ? "on" : "off") + ".";
            }
            case "sslcompression" -> {
                return onOff(d, d.joined()) ? "!TLS compression is never offered (CRIME); clients get none, as with SSLCompression off."
                        : "off, as the connector always is.";
            }
            case "sslsessiontickets" -> {
                sessionTickets = onOff(d, d.joined());
                return "session tickets " + (sessionTickets ? "on." : "off: sessions resume by session id only.");
            }
            case "sslusername" -> {
                userName = one(d);
                if (!userName.matches("SSL_[A-Z0-9_]+")) {
                    throw new IllegalArgumentException("'" + userName + "' is not an SSL_* variable (e.g. SSL_CLIENT_S_DN_CN)");
                }
                return "remote user from " + userName + ".";
            }
            case "sslocspenable", "sslocspdefaultresponder", "sslocspoverrideresponder", "sslocsprespondertimeout",
                 "sslocspuserequestnonce" -> {
                return clientOcsp(name, d);
            }
            case "sslsessionticketkeyfile" -> {
                ticketKeyFile = path(d);
                return "ticket keys from " + ticketKeyFile + ".";
            }
            case "sslsrpverifierfile" -> {
                srpVerifierFile = path(d);
                return "TLS-SRP logins from " + srpVerifierFile + " (F35).";
            }
            case "sslsrpunknownuserseed" -> {
                srpUnknownUserSeed = one(d);
                return "unknown TLS-SRP users simulated from the seed (not shown).";
            }
            case "sslusestapling" -> {
                stapling = onOff(d, d.joined()) ? OcspStapling.fromCertificate().withTimeout(stapling.timeout()) : OcspStapling.OFF;
                return "OCSP stapling " + (stapling.enabled() ? "on" : "off") + ".";
            }
            case "sslstaplingforceurl" -> {
                stapling = new OcspStapling(stapling.enabled(), URI.create(one(d)), stapling.timeout());
                return "OCSP responder " + stapling.responder() + ".";
            }
            case "sslstaplingrespondertimeout" -> {
                stapling = stapling.withTimeout(Duration.ofSeconds(seconds(d)));
                return "OCSP responder timeout " + stapling.timeout().toSeconds() + " s.";
            }
            case "sslopensslconfcmd" -> {
                return confCmd(d);
            }
            default -> {
                if (name.startsWith("sslocsp")) {
                    return "!client-certificate OCSP maps SSLOCSPEnable, SSLOCSPDefaultResponder, SSLOCSPOverrideResponder,"
                            + " SSLOCSPResponderTimeout and SSLOCSPUseRequestNonce; " + d.name() + " has no counterpart.";
                }
                if (name.startsWith("sslstapling")) {
                    return "!the connector keeps one response per certificate and fetches the next before its nextUpdate;"
                            + " " + d.name() + " has no counterpart.";
                }
                return null;
            }
        }
    }

    /** DocumentRoot, Alias and ScriptAlias: not served by the connector, but they map {@code <Directory>} sections to paths. */
    private boolean contentMapping(String name, Directive d) {
        switch (name) {
            case "documentroot" -> documentRoot = path(d);
            case "alias", "scriptalias" -> {
                if (d.args().size() != 2) {
                    throw new IllegalArgumentException("takes a URL path and a directory, got " + d.args().size() + " arguments");
                }
                aliases.put(d.args().get(0), paths.apply(d.args().get(1)));
            }
            default -> {
                return false;
            }
        }
        report.add(Kind.IGNORED, d.where(), d.name(), DirectiveKinds.CONTENT + " (Read to map <Directory> sections to request paths.)");
        return true;
    }

    /** {@code Header [always] set Strict-Transport-Security "max-age=N[; includeSubDomains][; preload]"} becomes the host's HSTS. */
    private void header(Directive d) {
        List<String> args = new ArrayList<>(d.args());
        if (!args.isEmpty() && args.get(0).matches("(?i)always|onsuccess")) {
            args.remove(0);
        }
        boolean hstsLine = args.size() >= 2 && args.get(1).equalsIgnoreCase("Strict-Transport-Security");
        boolean condition = args.size() == 4 && args.get(3).matches("(?i)env=HTTPS");
        if (!hstsLine) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined(), "changes what is sent, and the connector carries over"
                    + " only the Strict-Transport-Security header; set this header in the application (a servlet filter).");
            return;
        }
        if (!args.get(0).matches("(?i)set|add|merge|append") || args.size() < 3 || args.size() > 3 && !condition) {
            report.add(Kind.UNSUPPORTED, d.where(), d.name() + " " + d.joined(), "only 'Header always set Strict-Transport-Security"
                    + " \"max-age=...\"' is carried over; write it in that form.");
            return;
        }
        hsts = Hsts.parse(args.get(2));
        report.add(Kind.READ, d.where(), "Header Strict-Transport-Security", "every HTTPS response of the virtual host sends "
                + hsts.headerValue() + ".");
    }

    /** A path section of this host ({@code <Location>}...), turned into a rule when the host is built. */
    void pathSection(Section section) {
        pathSections.add(section);
    }

    RedirectLines redirects() {
        return redirects;
    }

    /** SSLOCSPEnable and its companions: OCSP checks of client certificates ({@link ClientOcsp}). */
    private String clientOcsp(String name, Directive d) {
        switch (name) {
            case "sslocspenable" -> {
                if (d.args().isEmpty() || d.args().size() > 2) {
                    throw new IllegalArgumentException("takes on, leaf or off, optionally followed by no_ocsp_for_cert_ok");
                }
                RevocationCheck.Mode mode = switch (d.args().get(0).toLowerCase(Locale.ROOT)) {
                    case "on" -> RevocationCheck.Mode.CHAIN;
                    case "leaf" -> RevocationCheck.Mode.LEAF;
                    case "off" -> RevocationCheck.Mode.NONE;
                    default -> throw new IllegalArgumentException("'" + d.args().get(0) + "' is not on, leaf or off");
                };
                boolean noOcspOk = d.args().size() == 2;
                if (noOcspOk && !d.args().get(1).equalsIgnoreCase("no_ocsp_for_cert_ok")) {
                    throw new IllegalArgumentException("'" + d.args().get(1) + "' is not no_ocsp_for_cert_ok");
                }
                ocsp = new ClientOcsp(mode, null, false, ocsp.timeout(), ocsp.failOpen(), noOcspOk);
                return mode == RevocationCheck.Mode.NONE ? "no OCSP checks of client certificates."
                        : "client certificates checked by OCSP (" + (mode == RevocationCheck.Mode.LEAF ? "the client's own" : "the whole chain")
                        + (noOcspOk ? "; one without a responder passes" : "") + ").";
            }
            case "sslocspdefaultresponder" -> {
                URI uri;
                try {
                    uri = URI.create(one(d));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is not a URL");
                }
                if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http")) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is not an http:// URL (OCSP responders speak plain HTTP)");
                }
                defaultResponder = uri;
                return "OCSP responder for client certificates " + uri + ".";
            }
            case "sslocspoverrideresponder" -> {
                overrideResponder = onOff(d, d.joined());
                return overrideResponder ? "the default OCSP responder is asked for every client certificate."
                        : "each client certificate's own OCSP responder is asked.";
            }
            case "sslocsprespondertimeout" -> {
                ocspTimeout = Duration.ofSeconds(seconds(d));
                return "OCSP responder timeout " + ocspTimeout.toSeconds() + " s.";
            }
            default -> {
                // SSLOCSPUseRequestNonce
                return onOff(d, d.joined()) ? "!the connector's OCSP requests carry no nonce; each response is checked by its"
                        + " signature and validity period." : "no nonce, as the connector's OCSP requests never carry one.";
            }
        }
    }

    private String options(Directive d) {
        List<String> unsupported = new ArrayList<>();
        for (String word : d.args()) {
            char action = word.startsWith("+") || word.startsWith("-") ? word.charAt(0) : '=';
            String optionName = action == '=' ? word : word.substring(1);
            if (action == '=') {
                options.clear();
            }
            if (pending.isPendingOption(optionName)) {
                pending.recordOption(d, optionName);
                continue;
            }
            SslOption option = null;
            for (SslOption candidate : SslOption.values()) {
                if (candidate.directiveName().equalsIgnoreCase(optionName)) {
                    option = candidate;
                }
            }
            if (option == null) {
                if (!PendingDirectives.KNOWN_OPTIONS.contains(optionName.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("SSLOptions '" + optionName + "' is not an SSLOptions option");
                }
                unsupported.add(optionName);
            } else if (action == '-') {
                options.remove(option);
            } else {
                options.add(option);
            }
        }
        if (!unsupported.isEmpty()) {
            report.add(Kind.UNSUPPORTED, d.where(), "SSLOptions " + String.join(" ", unsupported),
                    "the connector has no counterpart; the other options apply.");
        }
        return "options now " + (options.isEmpty() ? "none" : String.join(" ", options.stream().map(o -> "+" + o.directiveName()).toList())) + ".";
    }

    private String cipherSuite(Directive d) {
        boolean tls13 = d.args().size() == 2 && d.args().get(0).equalsIgnoreCase("TLSv1.3");
        boolean ssl = d.args().size() == 2 && d.args().get(0).equalsIgnoreCase("SSL");
        if (d.args().size() != 1 && !tls13 && !ssl) {
            throw new IllegalArgumentException("takes a cipher string, or SSL or TLSv1.3 followed by one; got " + d.args().size() + " arguments");
        }
        String spec = d.args().get(d.args().size() - 1);
        TlsConfigException.Collector check = new TlsConfigException.Collector();
        CipherPolicy.resolve("httpd.conf", tls13 ? null : spec, tls13 ? spec : null, false, check);
        if (!check.isEmpty()) {
            throw new IllegalArgumentException(check.problems().get(0).problem().replaceAll("\\.$", ""));
        }
        if (tls13) {
            tls13CipherSpec = spec;
        } else {
            cipherSpec = spec;
        }
        return (tls13 ? "TLS 1.3 suites " : "cipher string ") + spec + ".";
    }

    /** The SSLOpenSSLConfCmd commands that map to the library's settings. */
    private String confCmd(Directive d) {
        if (d.args().size() != 2) {
            throw new IllegalArgumentException("takes a command and a value, got " + d.args().size() + " arguments");
        }
        String value = d.args().get(1);
        switch (d.args().get(0).toLowerCase(Locale.ROOT)) {
            case "protocol", "minprotocol" -> {
                String spec = d.args().get(0).equalsIgnoreCase("Protocol") ? value.replace(',', ' ') : minimum(value);
                ProtocolSet.parse(spec);
                protocols = spec;
                return "protocols " + spec + ".";
            }
            case "cipherstring" -> {
                return cipherSuite(new Directive(d.where(), d.name(), List.of(value)));
            }
            case "ciphersuites" -> {
                return cipherSuite(new Directive(d.where(), d.name(), List.of("TLSv1.3", value)));
            }
            case "groups", "curves" -> {
                groups = groups(d.args().get(0), value);
                return "key-exchange groups " + groups + ".";
            }
            case "signaturealgorithms" -> {
                for (String algorithm : value.split("[:,\\s]+")) {
                    if (!algorithm.isBlank() && SignatureAlgorithms.scheme(algorithm) == null) {
                        throw new IllegalArgumentException("SignatureAlgorithms '" + algorithm + "' is not a TLS signature algorithm; use KEY+HASH ("
                                + SignatureAlgorithms.PAIRS + ") or a scheme name such as ecdsa_secp256r1_sha256");
                    }
                }
                signatureAlgorithms = value;
                return "signature algorithms " + value + " (served by JSSE: BoringSSL in netty-tcnative cannot narrow them).";
            }
            case "dhparameters" -> {
                dhParameters = paths.apply(value);
                return "DH parameters " + dhParameters + ".";
            }
            case "options" -> {
                if (value.matches("(?i)-?ServerPreference")) {
                    honorCipherOrder = !value.startsWith("-");
                    return "server cipher order " + (honorCipherOrder ? "on" : "off") + ".";
                }
                return "!only Options ServerPreference maps (to SSLHonorCipherOrder); " + value + " has no counterpart.";
            }
            default -> {
                return "!" + d.args().get(0) + " has no counterpart; mapped are Protocol, MinProtocol, CipherString, "
                        + "Ciphersuites, Groups (or Curves), SignatureAlgorithms, DHParameters and Options ServerPreference.";
            }
        }
    }

    /** A Groups (or Curves) list, checked as VirtualHost.Builder.groups(...) will be, so the error can name the line. */
    private static String groups(String command, String value) {
        List<String> names = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String group : value.split("[:,\\s]+")) {
            if (!group.isBlank()) {
                names.add(group);
                if (KeyExchangeGroups.canonical(group) == null) {
                    unknown.add("'" + group + "'");
                }
            }
        }
        String accepted = String.join(", ", KeyExchangeGroups.KNOWN.subList(0, KeyExchangeGroups.KNOWN.size() - 1)) + " or "
                + KeyExchangeGroups.KNOWN.get(KeyExchangeGroups.KNOWN.size() - 1);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(command + " names no group; use " + accepted);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(command + " " + String.join(", ", unknown) + (unknown.size() == 1 ? " is not a key-exchange group"
                    : " are not key-exchange groups") + "; use " + accepted);
        }
        return String.join(":", names);
    }

    private static String minimum(String version) {
        int from = ProtocolSet.ALL.indexOf(version);
        if (from < 0) {
            throw new IllegalArgumentException("MinProtocol '" + version + "' is not one of " + ProtocolSet.ALL);
        }
        return String.join(" ", ProtocolSet.ALL.subList(from, ProtocolSet.ALL.size()));
    }

    /** Whether this host has a certificate (a virtual host without one cannot serve TLS). */
    boolean hasCertificate() {
        return !certificates.isEmpty();
    }

    /** As {@link #hasCertificate()}, or an MDomain names the host, which then gets its certificate from the ACME CA. */
    boolean hasCertificate(String serverName, java.util.Collection<String> aliases) {
        return hasCertificate() || serverName != null && modMd.manages(serverName, aliases);
    }

    /**
     * The port of a {@code ServerName host:port}: mod_ssl's id of the host ({@code servername:port}, what {@code exec:}
     * pass-phrase programs get) takes it from there, else 443 — not from the {@code <VirtualHost>} address (checked
     * with httpd 2.4). A virtual host without one inherits the main server's.
     */
    void serverNamePort(int port) {
        if (port > 0) {
            idPort = port;
        }
    }

    /** Builds the virtual host; shape problems are the caller's to report. */
    VirtualHost build(String serverName, List<String> aliases) {
        VirtualHost.Builder host = VirtualHost.builder(serverName).aliases(aliases.toArray(String[]::new));
        for (int i = 0; i < certificates.size(); i++) {
            Path certificate = certificates.get(i);
            // mod_ssl pairs the n-th key with the n-th certificate; without one the key is in the certificate file.
            CertificateSource.PemFiles files = CertificateSource.pem(certificate, i < keys.size() ? keys.get(i) : certificate);
            host.certificate(chain == null ? files : files.withChain(chain));
        }
        host.options(options.toArray(SslOption[]::new)).verifyClient(verifyClient).ocspStapling(stapling);
        if (caFile != null) {
            host.caCertificateFile(caFile);
        }
        if (protocols != null) {
            host.protocols(protocols);
        }
        if (cipherSpec != null) {
            host.cipherSuite(cipherSpec);
        }
        if (tls13CipherSpec != null) {
            host.cipherSuite("TLSv1.3", tls13CipherSpec);
        }
        if (honorCipherOrder != null) {
            host.honorCipherOrder(honorCipherOrder);
        }
        if (dhParameters != null) {
            host.dhParameters(dhParameters);
        }
        if (groups != null) {
            host.groups(groups);
        }
        if (srpVerifierFile != null) {
            host.srpVerifierFile(srpVerifierFile);
        }
        if (srpUnknownUserSeed != null) {
            host.srpUnknownUserSeed(srpUnknownUserSeed);
        }
        if (userName != null) {
            host.userName(userName);
        }
        if (ticketKeyFile != null) {
            host.sessionTicketKeyFile(ticketKeyFile);
        }
        if (hsts != null) {
            host.hsts(hsts);
        }
        PathSections sections = new PathSections(report, problems);
        for (Section section : inHttpdOrder(pathSections)) {
            PathRule rule = sections.rule(section, verifyClient, documentRoot, this.aliases);
            if (rule != null) {
                host.pathRule(rule);
            }
        }
        host.sessionTickets(sessionTickets).port(idPort);
        if (signatureAlgorithms != null) {
            host.signatureAlgorithms(signatureAlgorithms);
        }
        if (userName != null) {
            host.userName(userName);
        }
        pending.applyTo(host);
        if (certificates.isEmpty()) {
            modMd.applyTo(host, serverName, aliases);
        }
        VirtualHost built = host.build();
        ClientOcsp checks = clientOcsp();
        return checks.equals(ClientOcsp.OFF) ? built : built.toBuilder().clientAuth(built.clientAuth().withOcsp(checks)).build();
    }

    /** The OCSP checks the SSLOCSP* directives describe; SSLOCSPOverrideResponder without a responder is a shape problem. */
    private ClientOcsp clientOcsp() {
        if (!ocsp.enabled()) {
            return ClientOcsp.OFF;
        }
        if (overrideResponder && defaultResponder == null) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(null, "SSLOCSPOverrideResponder on",
                    "asks for the default OCSP responder, but no SSLOCSPDefaultResponder names one.",
                    "add SSLOCSPDefaultResponder http://ocsp.example.com/, or write SSLOCSPOverrideResponder off.")));
        }
        return new ClientOcsp(ocsp.mode(), defaultResponder, overrideResponder, ocspTimeout, ocsp.failOpen(), ocsp.noOcspForCertOk());
    }

    /**
     * httpd's merge order: {@code <Directory>} sections (shorter paths first), then {@code <Files>}, then
     * {@code <Location>}, each group in the order written.
     */
    private static List<Section> inHttpdOrder(List<Section> sections) {
        List<Section> ordered = new ArrayList<>(sections);
        ordered.sort(java.util.Comparator.comparingInt(HostMapper::mergeGroup).thenComparingInt(HostMapper::depth));
        return ordered;
    }

    private static int mergeGroup(Section s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        return name.startsWith("directory") ? 0 : name.startsWith("files") ? 1 : 2;
    }

    private static int depth(Section s) {
        return s.name().equalsIgnoreCase("Directory") && !s.args().isEmpty() ? Path.of(s.args().get(s.args().size() - 1)).getNameCount() : 0;
    }

    /** The files this host reads, for the doctor: certificate, key, chain and CA file per certificate. */
    List<CertificateSource.PemFiles> certificateFiles() {
        List<CertificateSource.PemFiles> files = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            CertificateSource.PemFiles pem = CertificateSource.pem(certificates.get(i), i < keys.size() ? keys.get(i) : certificates.get(i));
            files.add(chain == null ? pem : pem.withChain(chain));
        }
        return files;
    }

    Path caFile() {
        return caFile;
    }

    /** The client-quirk lines (BrowserMatch and the like) this host sees, its own after the server's. */
    List<BrowserMatchLines.Line> browserMatch() {
        return browserMatch.lines();
    }

    private Path path(Directive d) {
        return paths.apply(one(d));
    }

    private static String one(Directive d) {
        if (d.args().size() != 1) {
            throw new IllegalArgumentException("takes one argument, got " + d.args().size());
        }
        return d.args().get(0);
    }

    private static long seconds(Directive d) {
        try {
            return Long.parseLong(one(d));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + d.joined() + "' is not a whole number of seconds");
        }
    }

    static boolean onOff(Directive d, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is neither on nor off");
        };
    }
}
