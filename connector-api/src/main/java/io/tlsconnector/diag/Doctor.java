package io.tlsconnector.diag;

import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsConfigException.Problem;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.CertificateValidity;
import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.KeyMaterialLoader;
import io.tlsconnector.pki.PrivateKeys;

/**
 * Runs every start-up check on a certificate, key and chain without starting a server (F9): the
 * very checks of {@link TlsRuntime#start} (readable files, pass-phrase, key/certificate match,
 * chain order, provider support), then what start-up only warns about (expiry, weak keys and
 * signatures, a key readable by others, no subjectAltName) and, with a CA file, whether the chain
 * leads to that CA. Each problem names the file and the fix.
 */
public final class Doctor {
    /** The virtual host name the checks run under; it appears in no message the doctor prints. */
    static final String HOST = "doctor.check";

    /**
     * What to check.
     *
     * @param certificate the certificate file (PEM or DER, optionally followed by the chain)
     * @param key         the private key file
     * @param chain       a separate chain file, or {@code null}
     * @param ca          a CA file the chain must lead to (as clients would trust it), or {@code null}
     */
    public record Files(Path certificate, Path key, Path chain, Path ca) {
        public Files {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    private Doctor() {
    }

    /** Every problem found; empty when the files would serve. */
    public static List<Problem> check(Files files, PassPhraseProvider passPhrases) {
        List<Problem> problems = new ArrayList<>();
        CertificateSource.PemFiles source = CertificateSource.pem(files.certificate(), files.key());
        if (files.chain() != null) {
            source = source.withChain(files.chain());
        }
        TlsConfig config = TlsConfig.builder().passPhraseProvider(passPhrases)
                .virtualHost(VirtualHost.builder(HOST).certificate(source).build()).build();
        try (TlsRuntime runtime = TlsRuntime.start(config)) {
            runtime.hosts(); // started: the files would serve
        } catch (TlsConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(null, p.source(), p.problem(), p.fix())));
        }
        List<X509Certificate> chain;
        try {
            chain = readChain(files);
        } catch (TlsConfigException e) {
            chain = List.of(); // already reported by the start-up checks
        }
        chainChecks(chain, files, problems);
        if (PrivateKeys.isReadableByOthers(files.key()) && !problems.stream().anyMatch(p -> p.source().equals(files.key().toString()))
                && !isEncryptedQuietly(files.key())) {
            // The server warns about this and starts (KeyMaterialLoader): the same verdict here.
            problems.add(new Problem(null, files.key().toString(), "warning: the unencrypted private key is readable by group or others.",
                    "chmod 600 " + files.key() + " (owner only), or encrypt it with a pass-phrase (tlsctl passwd) (F18)."));
        }
        return problems;
    }

    /** The problems as text, one block per problem, and a verdict line. */
    public static String report(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            text.append("PROBLEM ").append(p.source()).append(": ").append(p.problem()).append(System.lineSeparator())
                    .append("    fix: ").append(p.fix()).append(System.lineSeparator());
        }
        text.append(problems.isEmpty() ? "OK: every start-up check passed"
                : problems.size() + " problem(s); a server would " + (problems.stream().anyMatch(Doctor::fatal) ? "refuse to start" : "start, but clients may fail"));
        return text.append(System.lineSeparator()).toString();
    }

    /** True when a server with these problems would refuse to start (the rest it starts with, logging a warning). */
    public static boolean refusesToStart(List<Problem> problems) {
        return problems.stream().anyMatch(Doctor::fatal);
    }

    /**
     * The exit status of a doctor run, one verdict with the server's: 0 when every check passed, 1 when a
     * server would refuse to start, 2 when it would start with warnings.
     */
    public static int exitStatus(List<Problem> problems) {
        return problems.isEmpty() ? 0 : refusesToStart(problems) ? 1 : 2;
    }

    private static boolean fatal(Problem problem) {
        return !problem.problem().startsWith("warning:");
    }

    private static List<X509Certificate> readChain(Files files) {
        List<X509Certificate> chain = new ArrayList<>(Certificates.read(files.certificate()));
        if (files.chain() != null) {
            chain.addAll(Certificates.read(files.chain()));
        }
        return chain;
    }

    private static void chainChecks(List<X509Certificate> chain, Files files, List<Problem> problems) {
        if (chain.isEmpty()) {
            return;
        }
        X509Certificate leaf = chain.get(0);
        String origin = files.certificate().toString();
        CertificateValidity validity = CertificateValidity.of(leaf, Instant.now());
        if (validity.expired()) {
            problems.add(new Problem(null, origin, "warning: the certificate expired on " + validity.notAfter() + "; clients refuse it.",
                    "renew it (a new CSR signed by your CA, or tlsctl selfsign for tests)."));
        } else if (validity.expiresSoon()) {
            problems.add(new Problem(null, origin, "warning: the certificate expires on " + validity.notAfter() + ", in "
                    + validity.daysLeft() + " day(s).", "renew it before then."));
        }
        if (validity.notYetValid()) {
            problems.add(new Problem(null, origin, "warning: the certificate is not valid before " + validity.notBefore() + ".",
                    "check this machine's clock, or wait until then."));
        }
        for (X509Certificate c : chain) {
            if (c.getPublicKey() instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
                problems.add(new Problem(null, origin, "warning: " + c.getSubjectX500Principal().getName() + " has an RSA key of "
                        + rsa.getModulus().bitLength() + " bits; current clients refuse keys under 2048 bits (F20).",
                        "make a new key of 2048 bits or more (tlsctl genkey --type rsa --bits 3072, or --type ec) and get a new certificate."));
            }
            String algorithm = c.getSigAlgName().toUpperCase(Locale.ROOT);
            boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            if (!selfSigned && (algorithm.startsWith("MD5") || algorithm.startsWith("SHA1"))) {
                problems.add(new Problem(null, origin, "warning: " + c.getSubjectX500Principal().getName() + " is signed with "
                        + c.getSigAlgName() + ", which clients reject (F20).", "have it re-issued with SHA-256."));
            }
        }
        if (!hasSubjectAltNames(leaf)) {
            problems.add(new Problem(null, origin, "warning: the certificate has no subjectAltName; browsers and curl ignore "
                    + "the CN and reject it.", "make a new CSR with --san DNS:your.host.name and have it signed again (F15)."));
        }
        if (files.ca() != null) {
            trustCheck(chain, files.ca(), problems); // also says whether the CA file holds the issuer itself
        } else {
            KeyMaterialLoader.missingIssuer(chain).ifPresent(issuer -> problems.add(new Problem(null, origin, "warning: the certificate"
                    + " was issued by " + issuer + ", but no issuer certificate follows it or is in a chain file (openssl: unable to get"
                    + " local issuer certificate); clients that do not already hold it refuse the chain (F23).",
                    KeyMaterialLoader.missingIssuerFix(issuer))));
        }
    }

    private static void trustCheck(List<X509Certificate> chain, Path caFile, List<Problem> problems) {
        List<X509Certificate> cas = Certificates.read(caFile);
        Set<TrustAnchor> anchors = new HashSet<>();
        cas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
        List<X509Certificate> path = chain.stream().filter(c -> !cas.contains(c)).toList();
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            problems.add(new Problem(null, caFile.toString(), "the certificate chain does not lead to a CA in this file: "
                    + e.getMessage() + " (at certificate #" + (e.getIndex() + 1) + ").",
                    "add the missing intermediate to the chain (SSLCertificateChainFile), or check that clients trust this CA (F23)."));
        } catch (java.security.GeneralSecurityException e) {
            problems.add(new Problem(null, caFile.toString(), "cannot check the chain against this CA file: " + e.getMessage() + ".",
                    "point --ca to a PEM file of CA certificates."));
        }
    }

    private static boolean hasSubjectAltNames(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames() != null;
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    private static boolean isEncryptedQuietly(Path key) {
        try {
            return PrivateKeys.isEncrypted(key);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
