package io.tlsconnector.config.httpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.RevocationCheck;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.ConfNode.Directive;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/**
 * The client-authentication directives beyond SSLVerifyClient and SSLCACertificateFile: SSLVerifyDepth,
 * SSLCACertificatePath, SSLCADNRequestFile/Path, SSLCARevocationFile/Path/Check and the FakeBasicAuth option, read, checked and
 * applied to the virtual host through {@link #applyTo(VirtualHost.Builder)}. SSLRequire outside a path
 * section is reported (httpd refuses it there); inside one, {@link PathSections} applies it.
 */
final class PendingDirectives {
    private static final String SSL_REQUIRE_REASON = "SSLRequire is an access rule for paths, and httpd takes it only inside a"
            + " <Location> or <Directory> section; put it in one, where the connector applies it.";

    /** Every SSLOptions option mod_ssl knows, lower case. */
    static final Set<String> KNOWN_OPTIONS = Set.of("stdenvvars", "exportcertdata", "legacydnstringformat", "fakebasicauth",
            "strictrequire", "optrenegotiate");

    private final Function<String, Path> paths;
    private final HttpdConfReport report;
    private Integer verifyDepth;
    private Path caCertificatePath;
    private Path caDnRequestFile;
    private Path caDnRequestPath;
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
        copy.caDnRequestFile = caDnRequestFile;
        copy.caDnRequestPath = caDnRequestPath;
        copy.revocationFile = revocationFile;
        copy.revocationPath = revocationPath;
        copy.revocationCheck = revocationCheck;
        copy.fakeBasicAuth = fakeBasicAuth;
        copy.sslRequire.addAll(sslRequire);
        return copy;
    }

    boolean handles(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "sslverifydepth", "sslcacertificatepath", "sslcadnrequestfile", "sslcadnrequestpath", "sslcarevocationfile", "sslcarevocationpath", "sslcarevocationcheck",
                 "sslrequire" -> true;
            default -> false;
        };
    }

    boolean isPendingOption(String option) {
        return option.equalsIgnoreCase("FakeBasicAuth");
    }

    /** Checks and keeps {@code d}; throws IllegalArgumentException for a malformed argument, as an applied directive would. */
    void record(Directive d) {
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
            }
            case "sslcacertificatepath" -> {
                caCertificatePath = paths.apply(single(d));
            }
            case "sslcadnrequestfile" -> {
                caDnRequestFile = paths.apply(single(d));
            }
            case "sslcadnrequestpath" -> {
                caDnRequestPath = paths.apply(single(d));
            }
            case "sslcarevocationfile" -> {
                revocationFile = paths.apply(single(d));
            }
            case "sslcarevocationpath" -> {
                revocationPath = paths.apply(single(d));
            }
            case "sslcarevocationcheck" -> {
                String mode = d.args().isEmpty() ? "" : d.args().get(0).toLowerCase(Locale.ROOT);
                if (!Set.of("none", "chain", "leaf").contains(mode)) {
                    throw new IllegalArgumentException("'" + d.joined() + "' is not none, chain or leaf");
                }
                revocationCheck = d.joined();
            }
            default -> {
                sslRequire.add(d.raw());
                report.add(Kind.NOT_YET_APPLIED, d.where(), d.name(), SSL_REQUIRE_REASON);
                return;
            }
        }
        report.add(Kind.READ, d.where(), d.name(), "applied");
    }

    void recordOption(Directive d, String option) {
        fakeBasicAuth = !d.args().contains("-" + option);
        report.add(Kind.READ, d.where(), "SSLOptions " + option, "applied");
    }

    /** Passes what was read to the virtual host being built. */
    void applyTo(VirtualHost.Builder host) {
        ClientAuth auth = ClientAuth.DEFAULT;
        if (verifyDepth != null) {
            auth = auth.withVerifyDepth(verifyDepth);
        }
        if (caCertificatePath != null) {
            auth = auth.withCaCertificatePath(caCertificatePath);
        }
        if (caDnRequestFile != null) {
            auth = auth.withCaDnRequestFile(caDnRequestFile);
        }
        if (caDnRequestPath != null) {
            auth = auth.withCaDnRequestPath(caDnRequestPath);
        }
        if (revocationFile != null) {
            auth = auth.withCaRevocationFile(revocationFile);
        }
        if (revocationPath != null) {
            auth = auth.withCaRevocationPath(revocationPath);
        }
        if (revocationCheck != null) {
            auth = auth.withRevocationCheck(RevocationCheck.parse(revocationCheck));
        }
        host.clientAuth(auth);
        if (fakeBasicAuth) {
            host.options(SslOption.FAKE_BASIC_AUTH);
        }
    }

    private static String single(Directive d) {
        if (d.args().size() != 1) {
            throw new IllegalArgumentException("takes one argument, got " + d.args().size());
        }
        return d.args().get(0);
    }

    @Override
    public String toString() {
        return "PendingDirectives[verifyDepth=" + verifyDepth + ", caCertificatePath=" + caCertificatePath + ", caDnRequestFile="
                + caDnRequestFile + ", caDnRequestPath=" + caDnRequestPath + ", revocationFile="
                + revocationFile + ", revocationPath=" + revocationPath + ", revocationCheck=" + revocationCheck
                + ", fakeBasicAuth=" + fakeBasicAuth + ", sslRequire=" + sslRequire + "]";
    }
}
