package io.tlsconnector.config.httpd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsConfigException.Problem;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.diag.Doctor;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;

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
        // Each key is opened twice (its own checks, then the listener's start): each pass-phrase is asked for once.
        Map<HttpdConf.Listener, AskOnce> providers = new IdentityHashMap<>();
        Function<HttpdConf.Listener, AskOnce> providerOf = listener -> providers.computeIfAbsent(listener,
                l -> new AskOnce(passPhrases != null ? passPhrases : l.config().passPhraseProvider()));
        try {
            check(conf, providerOf, problems);
        } finally {
            providers.values().forEach(AskOnce::wipe);
        }
        return problems;
    }

    private static void check(HttpdConf conf, Function<HttpdConf.Listener, AskOnce> providerOf, List<Problem> problems) {
        for (HttpdConf.Origin origin : conf.origins()) {
            String where = origin.where() + " <VirtualHost " + origin.listener() + ">";
            PassPhraseProvider listenerProvider = providerOf.apply(origin.listener());
            List<CertificateSource> sources = origin.host().certificates();
            for (int index = 0; index < sources.size(); index++) {
                if (sources.get(index) instanceof CertificateSource.PemFiles pem) {
                    PassPhraseProvider provider = new AsTheServerAsks(listenerProvider, origin.host().serverName(), origin.host().port(), index);
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
            TlsConfig config = listener.config().toBuilder().passPhraseProvider(providerOf.apply(listener)).build();
            try {
                TlsRuntime.check(config); // no ACME order, no file watching: a doctor only looks
            } catch (TlsConfigException e) {
                for (Problem p : e.problems()) {
                    boolean known = problems.stream().anyMatch(k -> k.problem().equals(p.problem()) && k.source().endsWith(p.source()));
                    if (!known) {
                        problems.add(new Problem(p.virtualHost(), listener.address() + ":" + listener.port() + " " + p.source(), p.problem(), p.fix()));
                    }
                }
            }
        }
    }

    /**
     * The doctor's file checks ask as the server will: with the host's id {@code servername:port} and the key's
     * index, so an {@code exec:} program that answers per host gives the doctor the answer it gives the server.
     */
    private record AsTheServerAsks(PassPhraseProvider provider, String serverName, int port, int keyIndex) implements PassPhraseProvider {
        @Override
        public char[] passPhrase(PassPhraseRequest request) throws Exception {
            return provider.passPhrase(new PassPhraseRequest(serverName, port, request.keySource(), keyIndex, request.keyAlgorithm(),
                    request.attempt()));
        }

        @Override
        public int maxAttempts() {
            return provider.maxAttempts();
        }

        @Override
        public String toString() {
            return provider.toString();
        }
    }

    /** Asks its provider once per key file and gives the same answer again; wiped when the doctor is done. */
    private static final class AskOnce implements PassPhraseProvider {
        private final PassPhraseProvider provider;
        private final Map<Path, char[]> answers = new HashMap<>();

        AskOnce(PassPhraseProvider provider) {
            this.provider = provider;
        }

        @Override
        public synchronized char[] passPhrase(PassPhraseRequest request) throws Exception {
            char[] known = answers.get(request.keySource());
            if (known == null) {
                known = provider.passPhrase(request);
                if (known == null) {
                    return null;
                }
                answers.put(request.keySource(), known.clone());
                return known;
            }
            return known.clone();
        }

        @Override
        public int maxAttempts() {
            return provider.maxAttempts();
        }

        /** Wipes the answers and closes a provider that holds a program open (the starts it served did not). */
        synchronized void wipe() {
            answers.values().forEach(a -> java.util.Arrays.fill(a, '\0'));
            answers.clear();
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Nothing to report: the doctor's verdict is already made.
                }
            }
        }

        @Override
        public String toString() {
            return "once per key: " + provider;
        }
    }
}
