package io.tlsconnector.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseDialog;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;

/**
 * Opens the key and certificates a {@link CertificateSource} describes and checks them the way an
 * operator would by hand: the key matches the certificate (F19), the chain leads from the leaf
 * towards a root in order (F23), every file is readable (F2). Every problem names the file and the
 * fix; pass-phrases and keys never appear in a message.
 *
 * <p>Reads PEM (PKCS#1, SEC1 EC, PKCS#8; plain, OpenSSL-traditional encrypted and PKCS#8 encrypted),
 * DER certificates and PKCS#8 keys, PKCS#12 and JKS key stores, all through Bouncy Castle and the JCA.
 * This class is the entry point; the work is done by {@link CertificateReader}, {@link PrivateKeyReader}
 * (with {@link Pem}, {@link Der} and {@link EncryptedKeys}), {@link KeyStoreReader} and
 * {@link KeyMaterialChecks}, which share one {@link LoadContext} per source.
 */
public final class KeyMaterialLoader {
    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    /** A certificate closer than this to its end is reported at every start. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private KeyMaterialLoader() {
    }

    /**
     * Opens and checks one certificate source of a virtual host.
     *
     * @param virtualHost server name of the host, for messages and the pass-phrase request
     * @param passPhrases asked once per encrypted key or key store
     * @throws TlsConfigException listing every problem found in this source
     */
    public static KeyMaterial load(CertificateSource source, String virtualHost, PassPhraseProvider passPhrases) {
        try (PassPhraseDialog dialog = new PassPhraseDialog(passPhrases)) {
            return load(source, virtualHost, 0, dialog);
        }
    }

    /**
     * Opens and checks one certificate source of a virtual host within a start-up's pass-phrase
     * dialog, so pass-phrases given for earlier keys are tried first (F13).
     *
     * @param keyIndex position of the source among the host's certificates (mod_ssl's key index)
     * @throws TlsConfigException listing every problem found in this source
     */
    public static KeyMaterial load(CertificateSource source, String virtualHost, int keyIndex, PassPhraseDialog passPhrases) {
        return load(source, virtualHost, PassPhraseRequest.DEFAULT_PORT, keyIndex, passPhrases);
    }

    /**
     * As {@link #load(CertificateSource, String, int, PassPhraseDialog)} for a host whose id is
     * {@code virtualHost:port} (mod_ssl's, given to {@code exec:} pass-phrase programs).
     */
    public static KeyMaterial load(CertificateSource source, String virtualHost, int port, int keyIndex, PassPhraseDialog passPhrases) {
        Objects.requireNonNull(source, "source");
        LoadContext context = new LoadContext(virtualHost, port, keyIndex, passPhrases);
        KeyMaterial material;
        if (source instanceof CertificateSource.PemFiles pem) {
            material = loadPem(context, pem);
        } else if (source instanceof CertificateSource.KeyStoreFile store) {
            material = KeyStoreReader.read(context, store);
        } else {
            CertificateSource.InMemory memory = (CertificateSource.InMemory) source;
            material = KeyMaterialChecks.checked(context, memory.privateKey(), memory.chain(),
                    memory.describe(), memory.describe(), memory.describe());
        }
        context.problems.throwIfAny();
        if (virtualHost != null) {
            warnAboutValidity(virtualHost, material);
        }
        return material;
    }

    /**
     * Opens one private key file with the same reader and messages as start-up: PEM (PKCS#1, SEC1,
     * PKCS#8; plain or encrypted) or DER. Used by the PKI toolkit ({@code tlsctl}).
     *
     * @param passPhrases asked only when the key is encrypted; the request names no virtual host
     * @throws TlsConfigException naming the file and the fix when the key cannot be opened
     */
    public static PrivateKey loadPrivateKey(Path file, PassPhraseProvider passPhrases) {
        Objects.requireNonNull(file, "file");
        try (PassPhraseDialog dialog = new PassPhraseDialog(passPhrases == null ? PassPhraseProvider.NONE : passPhrases)) {
            LoadContext context = toolkit(dialog);
            PrivateKey key = PrivateKeyReader.read(context, file, "UNK");
            context.problems.throwIfAny();
            return key;
        }
    }

    /**
     * Reads every certificate of a PEM file (in file order) or the certificate(s) of a DER file,
     * with the same reader and messages as start-up.
     *
     * @param role what the file is for, in messages ({@code certificate}, {@code chain}, ...)
     * @throws TlsConfigException naming the file and the fix when it holds no certificate
     */
    public static List<X509Certificate> loadCertificates(Path file, String role) {
        Objects.requireNonNull(file, "file");
        try (PassPhraseDialog dialog = new PassPhraseDialog(PassPhraseProvider.NONE)) {
            LoadContext context = toolkit(dialog);
            List<X509Certificate> certificates = CertificateReader.read(context, file, role);
            context.problems.throwIfAny();
            return certificates;
        }
    }

    /** The start-up chain-order check (F23) on its own: each certificate followed by its issuer. */
    static List<TlsConfigException.Problem> chainOrderProblems(List<X509Certificate> chain, String origin) {
        try (PassPhraseDialog dialog = new PassPhraseDialog(PassPhraseProvider.NONE)) {
            LoadContext context = toolkit(dialog);
            if (!chain.isEmpty()) {
                KeyMaterialChecks.checkChainOrder(context, chain, origin);
            }
            return context.problems.problems();
        }
    }

    /** Files opened for the PKI toolkit: no virtual host, mod_ssl's default port and key index. */
    private static LoadContext toolkit(PassPhraseDialog dialog) {
        return new LoadContext(null, PassPhraseRequest.DEFAULT_PORT, 0, dialog);
    }

    private static KeyMaterial loadPem(LoadContext context, CertificateSource.PemFiles pem) {
        List<X509Certificate> certificates = CertificateReader.read(context, pem.certificate(), "certificate");
        List<X509Certificate> chain = pem.chain() == null ? List.of() : CertificateReader.read(context, pem.chain(), "chain");
        String keyAlgorithm = certificates == null || certificates.isEmpty()
                ? "UNK" : passPhraseAlgorithmName(certificates.get(0).getPublicKey());
        PrivateKey key = PrivateKeyReader.read(context, pem.privateKey(), keyAlgorithm);
        if (key == null || certificates == null || certificates.isEmpty() || chain == null) {
            return null;
        }
        List<X509Certificate> full = new ArrayList<>(certificates);
        full.addAll(chain);
        String chainOrigin = pem.chain() == null ? pem.certificate().toString() : pem.certificate() + " + " + pem.chain();
        return KeyMaterialChecks.checked(context, key, full, pem.privateKey().toString(), pem.certificate().toString(), chainOrigin);
    }

    /** The names mod_ssl passes to pass-phrase dialogs. */
    private static String passPhraseAlgorithmName(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA", "RSASSA-PSS" -> "RSA";
            case "EC" -> "EC";
            case "DSA" -> "DSA";
            default -> "UNK";
        };
    }

    /**
     * The issuer of a leaf that came without any chain, or empty: a certificate that is not
     * self-issued and has no issuer certificate after it makes clients that lack the intermediate
     * fail with openssl's "unable to get local issuer certificate" (F23). A chain that merely leaves
     * out the root is fine.
     */
    public static Optional<String> missingIssuer(List<X509Certificate> chain) {
        if (chain.size() != 1) {
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        return leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
                ? Optional.empty() : Optional.of(leaf.getIssuerX500Principal().getName());
    }

    /** The fix for {@link #missingIssuer}, in start-up warnings and tlsctl doctor alike. */
    public static String missingIssuerFix(String issuer) {
        return "append the intermediate certificate of " + issuer + " (from your CA's bundle) to the certificate file, or name it with"
                + " withChain(...) (SSLCertificateChainFile); a certificate issued directly by a root clients trust needs none.";
    }

    private static void warnAboutValidity(String virtualHost, KeyMaterial material) {
        missingIssuer(material.chain()).ifPresent(issuer -> log.warn("Virtual host '{}': certificate {} ({}) was issued by {}, but no"
                + " issuer certificate is configured (openssl: unable to get local issuer certificate); clients that do not already"
                + " hold it refuse the chain. Fix: {}", virtualHost, material.leaf().getSubjectX500Principal().getName(),
                material.origin(), issuer, missingIssuerFix(issuer)));
        X509Certificate leaf = material.leaf();
        CertificateValidity validity = CertificateValidity.of(leaf, Instant.now());
        if (validity.expired()) {
            log.warn("Virtual host '{}': certificate {} ({}) EXPIRED on {}; clients will refuse it. Renew it.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), validity.notAfter());
        } else if (validity.expiresSoon()) {
            log.warn("Virtual host '{}': certificate {} ({}) expires on {}, in {} day(s). Renew it soon.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), validity.notAfter(),
                    validity.daysLeft());
        }
        if (validity.notYetValid()) {
            log.warn("Virtual host '{}': certificate {} ({}) is not valid before {}; check the clock or the certificate.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), validity.notBefore());
        }
    }
}
