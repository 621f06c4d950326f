package io.tlsconnector.config.httpd;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.RenewWindow;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/**
 * httpd's mod_md directives (automatic certificates from an ACME CA, issue 22; F12, F14, F15, F23):
 * {@code MDomain}, {@code MDCertificateAuthority}, {@code MDCertificateAgreement}, {@code MDContactEmail},
 * {@code MDCAChallenges}, {@code MDRenewWindow}, {@code MDStoreDir}, {@code MDPrivateKeys} and
 * {@code MDCACertificateFile} (and {@code MDRetryDelay}). As mod_md does, a virtual host whose ServerName or ServerAlias an
 * {@code MDomain} names gets its certificate from the CA ({@link VirtualHost.Builder#acme}); the other
 * settings apply to every MDomain of the server (or of the virtual host that sets them).
 */
final class ModMdDirectives {
    /** mod_md's default CA. */
    static final URI LETS_ENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");

    private final Function<String, Path> paths;
    private final HttpdConfReport report;
    private final List<List<String>> domains = new ArrayList<>();
    private URI authority;
    private boolean agreed;
    private String contact;
    private String challenges;
    private String renewWindow;
    private Path storeDir;
    private String privateKeys;
    private Path caCertificateFile;
    private java.time.Duration retryDelay;

    ModMdDirectives(Function<String, Path> paths, HttpdConfReport report) {
        this.paths = paths;
        this.report = report;
    }

    ModMdDirectives copy() {
        ModMdDirectives copy = new ModMdDirectives(paths, report);
        copy.domains.addAll(domains);
        copy.authority = authority;
        copy.agreed = agreed;
        copy.contact = contact;
        copy.challenges = challenges;
        copy.renewWindow = renewWindow;
        copy.storeDir = storeDir;
        copy.privateKeys = privateKeys;
        copy.caCertificateFile = caCertificateFile;
        copy.retryDelay = retryDelay;
        return copy;
    }

    static boolean handles(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "mdomain", "mdcertificateauthority", "mdcertificateagreement", "mdcontactemail", "mdcachallenges",
                 "mdrenewwindow", "mdstoredir", "mdprivatekeys", "mdcacertificatefile", "mdretrydelay" -> true;
            default -> false;
        };
    }

    /** Reads one directive, reporting what it does; throws IllegalArgumentException on a bad value. */
    void record(Directive d) {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (d.args().isEmpty()) {
            throw new IllegalArgumentException(d.name() + " needs a value");
        }
        String value = d.joined();
        String what = switch (name) {
            case "mdomain" -> {
                List<String> names = d.args().stream().map(a -> a.toLowerCase(Locale.ROOT))
                        .filter(a -> !a.equals("auto") && !a.equals("manual")).toList();
                domains.add(names);
                yield "certificate for " + names + " from the ACME CA.";
            }
            case "mdcertificateauthority" -> {
                authority = URI.create(d.args().get(0));
                yield "ACME CA " + authority + ".";
            }
            case "mdcertificateagreement" -> {
                if (!value.equalsIgnoreCase("accepted")) {
                    throw new IllegalArgumentException("MDCertificateAgreement takes 'accepted', was '" + value + "'");
                }
                agreed = true;
                yield "the CA's terms of service accepted.";
            }
            case "mdcontactemail" -> {
                contact = d.args().get(0);
                yield "ACME account contact " + contact + ".";
            }
            case "mdcachallenges" -> {
                Acme.builder().challenges(value); // checks the names now
                challenges = value;
                yield "ACME challenges " + value + ".";
            }
            case "mdrenewwindow" -> {
                RenewWindow.parse(value);
                renewWindow = value;
                yield "renewal with " + value + " of the lifetime left.";
            }
            case "mdstoredir" -> {
                storeDir = paths.apply(d.args().get(0));
                yield "ACME store " + storeDir + ".";
            }
            case "mdprivatekeys" -> {
                Acme.builder().privateKeys(value);
                privateKeys = value;
                yield "certificate keys " + value + ".";
            }
            case "mdcacertificatefile" -> {
                caCertificateFile = paths.apply(d.args().get(0));
                yield "ACME CA's own TLS certificate trusted from " + caCertificateFile + ".";
            }
            case "mdretrydelay" -> {
                RenewWindow parsed = RenewWindow.parse(value);
                if (parsed.remaining() == null) {
                    throw new IllegalArgumentException("MDRetryDelay takes a time (5s, 10m), was '" + value + "'");
                }
                retryDelay = parsed.remaining();
                yield "first retry after a failure in " + value + ", doubling.";
            }
            default -> throw new IllegalStateException(name);
        };
        report.add(Kind.READ, d.where(), d.name(), what);
    }

    /** True when an MDomain names {@code serverName} or one of {@code aliases}. */
    boolean manages(String serverName, java.util.Collection<String> aliases) {
        return domains.stream().anyMatch(names -> names.contains(serverName.toLowerCase(Locale.ROOT))
                || aliases.stream().anyMatch(a -> names.contains(a.toLowerCase(Locale.ROOT))));
    }

    /**
     * Gives {@code host} its ACME setting when an MDomain names its ServerName or an alias.
     *
     * @return true when it did
     */
    boolean applyTo(VirtualHost.Builder host, String serverName, List<String> aliases) {
        for (List<String> names : domains) {
            boolean matches = names.contains(serverName.toLowerCase(Locale.ROOT))
                    || aliases.stream().anyMatch(a -> names.contains(a.toLowerCase(Locale.ROOT)));
            if (!matches) {
                continue;
            }
            Acme.Builder acme = Acme.builder().directory(authority == null ? LETS_ENCRYPT : authority).domains(names.toArray(String[]::new));
            if (agreed) {
                acme.agreeToTerms();
            }
            if (contact != null) {
                acme.contact(contact);
            }
            if (challenges != null) {
                acme.challenges(challenges);
            }
            if (renewWindow != null) {
                acme.renewWindow(RenewWindow.parse(renewWindow));
            }
            if (storeDir != null) {
                acme.storeDir(storeDir);
            } else {
                acme.storeDir(paths.apply("md"));
            }
            if (privateKeys != null) {
                acme.privateKeys(privateKeys);
            }
            if (caCertificateFile != null) {
                acme.caCertificateFile(caCertificateFile);
            }
            if (retryDelay != null) {
                acme.retryDelay(retryDelay, java.time.Duration.ofHours(6).compareTo(retryDelay) > 0 ? java.time.Duration.ofHours(6) : retryDelay);
            }
            try {
                host.acme(acme.build());
            } catch (IllegalStateException e) {
                throw new TlsConfigException(new TlsConfigException.Problem(serverName, "MDomain " + String.join(" ", names),
                        e.getMessage() + ".", "set the mod_md directive named above at server level or in the virtual host."));
            }
            return true;
        }
        return false;
    }
}
