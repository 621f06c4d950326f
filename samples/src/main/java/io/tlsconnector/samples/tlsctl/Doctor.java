package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.httpd.HttpdConf;
import io.tlsconnector.config.httpd.HttpdConfDoctor;
import io.tlsconnector.config.httpd.HttpdConfReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every start-up check on files, without starting a server (F9). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status (the server's own verdict; issue 18's convention, kept for --conf too):%n",
        exitCodeList = {"0:every check passed", "1:a server would refuse to start (errors), or the command failed",
                "2:a server would start, with warnings (e.g. an expiring certificate); also a usage error, which prints no PROBLEM line"},
        description = {"Runs every start-up check on a certificate, key and chain without starting a server (F9).",
                "Readable files, pass-phrase, key/certificate match, chain order, expiry, weak keys, key permissions and, with --ca, whether the chain leads to that CA. Prints each problem with its fix; exits with 1 when a server would refuse to start, 2 when it would start with warnings (the server's own verdict), 0 when every check passed.",
                "With --conf, reads an Apache httpd configuration with mod_ssl instead and checks every virtual host's files;"
                        + " errors in the file itself are printed the same way, with their file:line, and what is not applied is listed;"
                        + " every key is opened as the server opens it (the same SSLPassPhraseDialog, exec: programs get servername:port"
                        + " as from httpd: ServerName's port, else 443), and each listener is started as the server would.",
                "Example: tlsctl doctor --cert server.crt --key server.key --chain chain.pem --ca root.pem",
                "Example: tlsctl doctor --conf /etc/apache2/apache2.conf -D APACHE_RUN_DIR=/run/apache2"})
final class Doctor extends TlsctlCommand {
    @Option(names = "--conf", paramLabel = "FILE", description = "an Apache httpd configuration with mod_ssl to check instead of --cert/--key")
    Path conf;

    @Option(names = "--lenient", description = "with --conf: check the configuration as the sample's --lenient serves it,"
            + " the directives the connector cannot carry over noted instead of refused")
    boolean lenient;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME=VALUE", description = "defines ${NAME} for --conf, as httpd -D")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "the certificate (optionally followed by its chain)")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "the private key")
    Path key;

    @Option(names = "--chain", paramLabel = "FILE", description = "the intermediate certificates (SSLCertificateChainFile)")
    Path chain;

    @Option(names = "--ca", paramLabel = "FILE", description = "a CA file clients trust; the chain must lead to it")
    Path ca;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE}; with --conf:"
                    + " the file's SSLPassPhraseDialog unless given)")
    PassPhraseSource pass;

    @Override
    int run() {
        if (conf != null) {
            if (certificate != null || key != null) {
                return fail("give --conf or --cert and --key, not both");
            }
            return checkConf();
        }
        if (certificate == null || key == null) {
            return fail("give --cert and --key (or --conf with an httpd configuration)");
        }
        List<TlsConfigException.Problem> problems = io.tlsconnector.diag.Doctor.check(
                new io.tlsconnector.diag.Doctor.Files(certificate, key, chain, ca), pass);
        out().print(io.tlsconnector.diag.Doctor.report(problems));
        return io.tlsconnector.diag.Doctor.exitStatus(problems);
    }

    private int checkConf() {
        HttpdConf read;
        try {
            read = HttpdConf.read(conf, defines, lenient ? HttpdConf.Options.lenient() : HttpdConf.Options.STRICT);
        } catch (TlsConfigException e) {
            out().print(io.tlsconnector.diag.Doctor.report(e.problems()));
            return 1;
        }
        for (HttpdConfReport.Entry entry : read.report().entries()) {
            if (entry.kind() != HttpdConfReport.Kind.READ) {
                out().println("NOTE " + entry);
            }
        }
        boolean passGiven = spec.commandLine().getParseResult().hasMatchedOption("--pass");
        List<TlsConfigException.Problem> problems = HttpdConfDoctor.check(read, passGiven ? pass : null);
        out().println("Read " + read.file() + ": TLS on " + read.listeners()
                + (read.redirects().isEmpty() ? "" : ", redirects to https on " + read.redirects()));
        out().print(io.tlsconnector.diag.Doctor.report(problems));
        return io.tlsconnector.diag.Doctor.exitStatus(problems);
    }
}
