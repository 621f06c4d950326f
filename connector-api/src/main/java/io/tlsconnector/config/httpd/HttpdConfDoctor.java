package io.tlsconnector.config.httpd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsConfigException.Problem;
import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.diag.Doctor;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * The start-up checks of {@link Doctor} for every certificate of a read httpd configuration (files,
 * key/certificate pairs, chains, expiry, key permissions) plus the client CA files; each problem
 * names the virtual host and the {@code file:line} of its {@code <VirtualHost>}; then the server's own
 * start of each listener, so whatever would stop the server stops the doctor too. Cipher strings and
 * protocols were already checked when the file was read.
 */
public final class HttpdConfDoctor {
    private HttpdConfDoctor() {
    }

    /**
     * @param passPhrases opens encrypted keys; {@code null} uses each listener's (the file's SSLPassPhraseDialog, else
     *                    httpd's default builtin, which asks on the terminal)
     * @return every problem found; empty when every virtual host would serve
     */
    public static List<Problem> check(HttpdConf conf, PassPhraseProvider passPhrases) {
        List<Problem> problems = new ArrayList<>();
        for (HttpdConf.Origin origin : conf.origins()) {
            String where = origin.where() + " <VirtualHost " + origin.listener() + ">";
            PassPhraseProvider provider = passPhrases != null ? passPhrases : origin.listener().config().passPhraseProvider();
            for (CertificateSource source : origin.host().certificates()) {
                if (source instanceof CertificateSource.PemFiles pem) {
                    Doctor.check(new Doctor.Files(pem.certificate(), pem.privateKey(), pem.chain(), null), provider)
                            .forEach(p -> problems.add(new Problem(origin.host().serverName(), where + " " + p.source(), p.problem(), p.fix())));
                }
            }
            Path ca = origin.host().caCertificateFile();
            if (ca != null && !Files.isReadable(ca)) {
                problems.add(new Problem(origin.host().serverName(), where + " SSLCACertificateFile " + ca,
                        "cannot be read, so client certificates could not be verified.",
                        "give the PEM file of the CAs that issue client certificates, or remove SSLVerifyClient and SSLCACertificateFile."));
            }
        }
        // The server's own start of each listener: what only the whole configuration shows (ticket-key files,
        // session stores, hosts together) gets the verdict the server gives it.
        for (HttpdConf.Listener listener : conf.listeners()) {
            TlsConfig config = passPhrases == null ? listener.config()
                    : listener.config().toBuilder().passPhraseProvider(passPhrases).build();
            try (TlsRuntime runtime = TlsRuntime.start(config)) {
                runtime.hosts();
            } catch (TlsConfigException e) {
                for (Problem p : e.problems()) {
                    boolean known = problems.stream().anyMatch(k -> k.problem().equals(p.problem()) && k.source().endsWith(p.source()));
                    if (!known) {
                        problems.add(new Problem(p.virtualHost(), listener.address() + ":" + listener.port() + " " + p.source(), p.problem(), p.fix()));
                    }
                }
            }
        }
        return problems;
    }
}
