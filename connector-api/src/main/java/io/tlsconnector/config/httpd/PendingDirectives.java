package io.tlsconnector.config.httpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/**
 * The client-authentication directives whose {@code VirtualHost.Builder} methods are still being
 * merged (issue 7): read, checked and kept here, reported as "recognised, not yet applied". Once the
 * builder has {@code verifyDepth}, {@code caCertificatePath}, the revocation settings, FakeBasicAuth
 * and SSLRequire, {@link HostMapper#build} passes the values below to it and these entries become
 * {@link Kind#READ}. This is the only place that knows they are pending.
 */
final class PendingDirectives {
    private static final String REASON = "recognised, not yet applied: VirtualHost.Builder has no %s yet (client authentication"
            + " is being merged from issue 7); until then %s.";

    /** Every SSLOptions option mod_ssl knows, lower case. */
    static final Set<String> KNOWN_OPTIONS = Set.of("stdenvvars", "exportcertdata", "legacydnstringformat", "fakebasicauth",
            "strictrequire", "optrenegotiate");

    /** Why SSLRequire and FakeBasicAuth inside a path section are not applied yet. */
    static final String PATH_REASON = "recognised, not yet applied: SSLRequire and FakeBasicAuth (client authentication per path)"
            + " are being merged from issue 7; until then this path is served without them.";

    private final Function<String, Path> paths;
    private final HttpdConfReport report;
    private Integer verifyDepth;
    private Path caCertificatePath;
    private Path revocationFile;
    private Path revocationPath;
    private String revocationCheck;
    private boolean fakeBasicAuth;
    private final List<String> sslRequire = new ArrayList<>();

    PendingDirectives(Function<String, Path> paths, HttpdConfReport report) {
        this.paths = paths;
        this.report = report;
    }

    PendingDirectives copy() {
        PendingDirectives copy = new PendingDirectives(paths, report);
        copy.verifyDepth = verifyDepth;
        copy.caCertificatePath = caCertificatePath;
        copy.revocationFile = revocationFile;
        copy.revocationPath = revocationPath;
        copy.revocationCheck = revocationCheck;
        copy.fakeBasicAuth = fakeBasicAuth;
        copy.sslRequire.addAll(sslRequire);
        return copy;
    }

    boolean handles(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "sslverifydepth", "sslcacertificatepath", "sslcarevocationfile", "sslcarevocationpath", "sslcarevocationcheck",
                 "sslrequire" -> true;
            default -> false;
        };
    }

    /** SSLRequire, or SSLOptions naming FakeBasicAuth, inside a path section such as {@code <Location>}. */
    static boolean pendingInPath(Directive d) {
        return d.name().equalsIgnoreCase("SSLRequire") || d.name().equalsIgnoreCase("SSLOptions")
                && d.args().stream().anyMatch(a -> a.replaceFirst("^[+-]", "").equalsIgnoreCase("FakeBasicAuth"));
    }

    boolean isPendingOption(String option) {
        return option.equalsIgnoreCase("FakeBasicAuth");
    }

    /** Checks and keeps {@code d}; throws IllegalArgumentException for a malformed argument, as an applied directive would. */
    void record(Directive d) {
        String what;
        String meanwhile;
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "sslverifydepth" -> {
                try {
                    verifyDepth = Integer.parseInt(single(d));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is not a whole number");
                }
                if (verifyDepth < 0) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is negative");
                }
                what = "verifyDepth";
                meanwhile = "the JDK's limit on client chains applies";
            }
            case "sslcacertificatepath" -> {
                caCertificatePath = paths.apply(single(d));
                what = "caCertificatePath";
                meanwhile = "only the SSLCACertificateFile CAs are trusted";
            }
            case "sslcarevocationfile" -> {
                revocationFile = paths.apply(single(d));
                what = "revocation settings";
                meanwhile = "client certificates are not checked against CRLs";
            }
            case "sslcarevocationpath" -> {
                revocationPath = paths.apply(single(d));
                what = "revocation settings";
                meanwhile = "client certificates are not checked against CRLs";
            }
            case "sslcarevocationcheck" -> {
                String mode = d.args().isEmpty() ? "" : d.args().get(0).toLowerCase(Locale.ROOT);
                if (!Set.of("none", "chain", "leaf").contains(mode)) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is not none, chain or leaf");
                }
                revocationCheck = d.joined();
                what = "revocation settings";
                meanwhile = "client certificates are not checked against CRLs";
            }
            default -> {
                sslRequire.add(d.raw());
                what = "SSLRequire";
                meanwhile = "requests are not refused by this expression";
            }
        }
        report.add(Kind.NOT_YET_APPLIED, d.where(), d.name(), String.format(Locale.ROOT, REASON, what, meanwhile));
    }

    void recordOption(Directive d, String option) {
        fakeBasicAuth = true;
        report.add(Kind.NOT_YET_APPLIED, d.where(), "SSLOptions " + option, String.format(Locale.ROOT, REASON, "FakeBasicAuth option",
                "no REMOTE_USER is derived from the client certificate"));
    }

    private static String single(Directive d) {
        if (d.args().size() != 1) {
            throw new IllegalArgumentException("takes one argument, got " + d.args().size());
        }
        return d.args().get(0);
    }

    @Override
    public String toString() {
        return "PendingDirectives[verifyDepth=" + verifyDepth + ", caCertificatePath=" + caCertificatePath + ", revocationFile="
                + revocationFile + ", revocationPath=" + revocationPath + ", revocationCheck=" + revocationCheck
                + ", fakeBasicAuth=" + fakeBasicAuth + ", sslRequire=" + sslRequire + "]";
    }
}
