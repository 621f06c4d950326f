package io.tlsconnector.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseDialog;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;
import io.tlsconnector.passphrase.Secrets;

/**
 * Opens the key and certificates a {@link CertificateSource} describes and checks them the way an
 * operator would by hand: the key matches the certificate (F19), the chain leads from the leaf
 * towards a root in order (F23), every file is readable (F2). Every problem names the file and the
 * fix; pass-phrases and keys never appear in a message.
 *
 * <p>Reads PEM (PKCS#1, SEC1 EC, PKCS#8; plain, OpenSSL-traditional encrypted and PKCS#8 encrypted),
 * DER certificates and PKCS#8 keys, PKCS#12 and JKS key stores, all through Bouncy Castle and the JCA.
 */
public final class KeyMaterialLoader {
    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    /** A certificate closer than this to its end is reported at every start. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** Used as a library, never registered: the application's provider list stays as it is. */
    private static final Provider BC = new BouncyCastleProvider();

    private final String virtualHost;
    private int port = PassPhraseRequest.DEFAULT_PORT;
    private final int keyIndex;
    private final PassPhraseDialog passPhrases;
    private final TlsConfigException.Collector problems = new TlsConfigException.Collector();

    /** @param virtualHost the host the files belong to, or {@code null} when they are opened for the PKI toolkit */
    private KeyMaterialLoader(String virtualHost, int keyIndex, PassPhraseDialog passPhrases) {
        this.virtualHost = virtualHost;
        this.keyIndex = keyIndex;
        this.passPhrases = Objects.requireNonNull(passPhrases, "passPhrases");
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
        KeyMaterialLoader loader = new KeyMaterialLoader(virtualHost, keyIndex, passPhrases);
        loader.port = port;
        KeyMaterial material;
        if (source instanceof CertificateSource.PemFiles pem) {
            material = loader.loadPem(pem);
        } else if (source instanceof CertificateSource.KeyStoreFile store) {
            material = loader.loadKeyStore(store);
        } else {
            CertificateSource.InMemory memory = (CertificateSource.InMemory) source;
            material = loader.checked(memory.privateKey(), memory.chain(), memory.describe(), memory.describe(), memory.describe());
        }
        loader.problems.throwIfAny();
        if (virtualHost != null) {
            loader.warnAboutValidity(material);
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
            KeyMaterialLoader loader = new KeyMaterialLoader(null, 0, dialog);
            PrivateKey key = loader.readPrivateKey(file, "UNK");
            loader.problems.throwIfAny();
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
            KeyMaterialLoader loader = new KeyMaterialLoader(null, 0, dialog);
            List<X509Certificate> certificates = loader.readCertificates(file, role);
            loader.problems.throwIfAny();
            return certificates;
        }
    }

    /** The start-up chain-order check (F23) on its own: each certificate followed by its issuer. */
    static List<TlsConfigException.Problem> chainOrderProblems(List<X509Certificate> chain, String origin) {
        try (PassPhraseDialog dialog = new PassPhraseDialog(PassPhraseProvider.NONE)) {
            KeyMaterialLoader loader = new KeyMaterialLoader(null, 0, dialog);
            if (!chain.isEmpty()) {
                loader.checkChainOrder(chain, origin);
            }
            return loader.problems.problems();
        }
    }

    private KeyMaterial loadPem(CertificateSource.PemFiles pem) {
        List<X509Certificate> certificates = readCertificates(pem.certificate(), "certificate");
        List<X509Certificate> chain = pem.chain() == null ? List.of() : readCertificates(pem.chain(), "chain");
        String keyAlgorithm = certificates == null || certificates.isEmpty()
                ? "UNK" : passPhraseAlgorithmName(certificates.get(0).getPublicKey());
        PrivateKey key = readPrivateKey(pem.privateKey(), keyAlgorithm);
        if (key == null || certificates == null || certificates.isEmpty() || chain == null) {
            return null;
        }
        List<X509Certificate> full = new ArrayList<>(certificates);
        full.addAll(chain);
        String chainOrigin = pem.chain() == null ? pem.certificate().toString() : pem.certificate() + " + " + pem.chain();
        return checked(key, full, pem.privateKey().toString(), pem.certificate().toString(), chainOrigin);
    }

    private KeyMaterial loadKeyStore(CertificateSource.KeyStoreFile source) {
        Path file = source.file();
        byte[] bytes = readFile(file, "key store");
        if (bytes == null) {
            return null;
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(source.type());
        } catch (KeyStoreException e) {
            problems.add(virtualHost, file.toString(), "the key store type '" + source.type() + "' is not known to this JVM.",
                    "use PKCS12 (for .p12/.pfx files) or JKS.");
            return null;
        }
        // A store without a password opens at once; otherwise the provider is asked, as mod_ssl asks for a key.
        char[] password = new char[0];
        try {
            try {
                store.load(new ByteArrayInputStream(bytes), password);
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnrecoverableKeyException)) {
                    problems.add(virtualHost, file.toString(), "is not a readable " + source.type() + " key store: "
                                    + e.getMessage() + ".",
                            "check the file and its type: PKCS12 for .p12/.pfx files, JKS for Java key stores; "
                                    + "`keytool -list -keystore " + file + "` shows what it holds.");
                    return null;
                }
                KeyStore typed = store;
                password = askAndOpen(file, "UNK", "key store", passPhrase -> {
                    typed.load(new ByteArrayInputStream(bytes), passPhrase);
                    return passPhrase.clone();
                });
                if (password == null) {
                    return null;
                }
            }
            String alias = chooseAlias(store, source);
            if (alias == null) {
                return null;
            }
            PrivateKey key = keyEntry(store, alias, password, file);
            if (key == null) {
                return null;
            }
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] stored = store.getCertificateChain(alias);
            for (Certificate certificate : stored == null ? new Certificate[0] : stored) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                problems.add(virtualHost, source.describe(), "the key entry '" + alias + "' has no certificate chain.",
                        "import the key together with its certificate (openssl pkcs12 -export -inkey KEY -in CERT).");
                return null;
            }
            return checked(key, chain, source.describe(), source.describe(), source.describe());
        } catch (GeneralSecurityException e) {
            problems.add(virtualHost, file.toString(), "could not be read: " + e.getMessage() + ".",
                    "check the key store with `keytool -list -v -keystore " + file + "`.");
            return null;
        } finally {
            PassPhraseProvider.wipe(password);
        }
    }

    private String chooseAlias(KeyStore store, CertificateSource.KeyStoreFile source) throws KeyStoreException {
        List<String> keyAliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keyAliases.add(alias);
            }
        }
        if (source.alias() != null) {
            if (keyAliases.contains(source.alias())) {
                return source.alias();
            }
            problems.add(virtualHost, source.file().toString(), "has no key entry named '" + source.alias()
                            + "'; its key entries are " + keyAliases + ".",
                    "name one of those with withAlias(...), or leave the alias out to use the first.");
            return null;
        }
        if (keyAliases.isEmpty()) {
            problems.add(virtualHost, source.file().toString(), "holds no private key entry, only certificates.",
                    "use a key store that holds the server's private key with its certificate chain.");
            return null;
        }
        keyAliases.sort(null);
        if (keyAliases.size() > 1) {
            log.info("Key store {} holds key entries {}; using '{}' (choose another with withAlias)",
                    source.file(), keyAliases, keyAliases.get(0));
        }
        return keyAliases.get(0);
    }

    private PrivateKey keyEntry(KeyStore store, String alias, char[] storePassword, Path file) throws GeneralSecurityException {
        try {
            return (PrivateKey) store.getKey(alias, storePassword);
        } catch (UnrecoverableKeyException e) {
            problems.add(virtualHost, file.toString(), "the key entry '" + alias
                            + "' is protected by a password other than the key store's.",
                    "give the key entry the store's password (keytool -keypasswd -alias " + alias + ").");
            return null;
        }
    }

    /** Checks the pair and the chain; returns the material even with problems so all are reported. */
    private KeyMaterial checked(PrivateKey key, List<X509Certificate> chain, String keyOrigin, String certificateOrigin,
                                String chainOrigin) {
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            problems.add(virtualHost, keyOrigin, "this private key does not match the certificate in " + certificateOrigin
                            + " (" + leaf.getSubjectX500Principal().getName() + ", SHA-256 " + Certificates.fingerprint(leaf)
                            + "): the certificate was issued for another key.",
                    "pair the certificate with the key its request was made from; compare "
                            + "`openssl x509 -noout -pubkey -in CERT | openssl sha256` with "
                            + "`openssl pkey -pubout -in KEY | openssl sha256`.");
        }
        checkChainOrder(chain, chainOrigin);
        String origin = keyOrigin.equals(certificateOrigin) ? keyOrigin : "certificate " + chainOrigin + ", key " + keyOrigin;
        return new KeyMaterial(key, chain, origin);
    }

    /** Each certificate must be followed by its issuer; the root itself may be left out. */
    private void checkChainOrder(List<X509Certificate> chain, String chainOrigin) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            String subject = certificate.getSubjectX500Principal().getName();
            String issuer = certificate.getIssuerX500Principal().getName();
            if (!certificate.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
                int issuerAt = indexOfSubject(chain, certificate, i);
                if (issuerAt >= 0) {
                    problems.add(virtualHost, chainOrigin, "the certificate chain is out of order: certificate #" + (i + 1)
                                    + " (" + subject + ") is followed by " + next.getSubjectX500Principal().getName()
                                    + ", but its issuer " + issuer + " is certificate #" + (issuerAt + 1) + ".",
                            "list the leaf first, then each certificate's issuer directly after it, up to the root.");
                } else {
                    problems.add(virtualHost, chainOrigin, "the certificate chain does not lead from the leaf towards a root: "
                                    + "certificate #" + (i + 1) + " (" + subject + ") was issued by " + issuer
                                    + ", which is missing (the next certificate is " + next.getSubjectX500Principal().getName() + ").",
                            "insert the intermediate certificate of " + issuer + " (from your CA's bundle) directly after "
                                    + subject + ".");
                }
                return;
            }
            try {
                certificate.verify(next.getPublicKey());
            } catch (GeneralSecurityException e) {
                problems.add(virtualHost, chainOrigin, "certificate #" + (i + 1) + " (" + subject + ") names " + issuer
                                + " as its issuer, but certificate #" + (i + 2) + " of that name did not sign it ("
                                + e.getMessage() + "); it is another certificate with the same name, e.g. an old intermediate.",
                        "use the intermediate that issued the certificate; your CA's current bundle has it.");
                return;
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (chain.size() == 1 && !last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
            log.debug("Virtual host '{}': {} has no intermediates; fine when {} is a root the clients trust",
                    virtualHost, chainOrigin, last.getIssuerX500Principal().getName());
        }
    }

    private static int indexOfSubject(List<X509Certificate> chain, X509Certificate certificate, int except) {
        for (int j = 0; j < chain.size(); j++) {
            if (j != except && chain.get(j).getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return j;
            }
        }
        return -1;
    }

    /** Proves possession: a signature made with the private key must verify with the certificate's key. */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (key instanceof RSAKey rsa && certificateKey instanceof RSAKey publicRsa) {
            return rsa.getModulus().equals(publicRsa.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            return false;
        }
        if (algorithm == null) {
            log.debug("No possession check for {} keys; only the key types are compared", key.getAlgorithm());
            return true;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            log.debug("Key match check failed with {}", e.toString());
            return false;
        }
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

    private List<X509Certificate> readCertificates(Path file, String role) {
        byte[] bytes = readFile(file, role);
        if (bytes == null) {
            return null;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        if (looksLikePem(bytes)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            try (PEMParser parser = pemParser(withoutDhParameters(bytes))) {
                Object block;
                while ((block = parser.readObject()) != null) {
                    if (block instanceof X509CertificateHolder holder) {
                        certificates.add(converter.getCertificate(holder));
                    } else if (block instanceof X509TrustedCertificateBlock trusted) {
                        certificates.add(converter.getCertificate(trusted.getCertificateHolder()));
                    }
                    // Keys, parameters and CRLs in a certificate file are allowed and skipped.
                }
            } catch (IOException | CertificateException | RuntimeException e) {
                problems.add(virtualHost, file.toString(), "is not a readable PEM " + role + " file: " + e.getMessage() + ".",
                        "check the file with `openssl x509 -noout -text -in " + file + "`; each certificate must sit "
                                + "between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.");
                return null;
            }
        } else {
            try {
                for (Certificate certificate : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(bytes))) {
                    certificates.add((X509Certificate) certificate);
                }
            } catch (CertificateException | RuntimeException e) {
                certificates.clear();
            }
        }
        if (certificates.isEmpty()) {
            problems.add(virtualHost, file.toString(), "holds no certificate (neither a PEM CERTIFICATE block nor DER X.509).",
                    "point the " + role + " setting at the certificate file; "
                            + "`openssl x509 -noout -subject -in " + file + "` must show its subject.");
            return null;
        }
        return certificates;
    }

    private PrivateKey readPrivateKey(Path file, String keyAlgorithm) {
        byte[] bytes = readFile(file, "private key");
        if (bytes == null) {
            return null;
        }
        Object keyBlock = null;
        if (looksLikePem(bytes)) {
            try (PEMParser parser = pemParser(bytes)) {
                Object block;
                while (keyBlock == null && (block = parser.readObject()) != null) {
                    // EC PARAMETERS blocks (openssl ecparam -genkey) and certificates are skipped.
                    if (block instanceof PEMKeyPair || block instanceof PrivateKeyInfo
                            || block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                        keyBlock = block;
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(virtualHost, file.toString(), "is not a readable PEM private key: " + e.getMessage() + ".",
                        "check the file with `openssl pkey -noout -in " + file + "`.");
                return null;
            }
        } else {
            keyBlock = derPrivateKey(bytes);
        }
        if (keyBlock == null) {
            problems.add(virtualHost, file.toString(), "holds no private key.",
                    "point the key setting at the private key file (-----BEGIN PRIVATE KEY-----, "
                            + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).");
            return null;
        }
        PrivateKeyInfo keyInfo = decrypt(keyBlock, file, keyAlgorithm);
        if (keyInfo == null) {
            return null;
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(keyInfo);
        } catch (IOException | RuntimeException e) {
            problems.add(virtualHost, file.toString(), "holds a key this JVM cannot use: " + e.getMessage() + ".",
                    "use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.");
            return null;
        }
    }

    /** A DER key file: PKCS#8 (plain or encrypted), PKCS#1 RSA or SEC1 EC, as {@code openssl pkey -outform DER} writes. */
    private static Object derPrivateKey(byte[] bytes) {
        try {
            return PrivateKeyInfo.getInstance(bytes);
        } catch (RuntimeException notPkcs8) {
            // try the next form
        }
        try {
            return new PKCS8EncryptedPrivateKeyInfo(bytes);
        } catch (IOException | RuntimeException notEncrypted) {
            // try the next form
        }
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    RSAPrivateKey.getInstance(bytes));
        } catch (IOException | RuntimeException notPkcs1) {
            // try the next form
        }
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(bytes);
            return ec.getParametersObject() == null ? null
                    : new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec);
        } catch (IOException | RuntimeException notSec1) {
            return null;
        }
    }

    private PrivateKeyInfo decrypt(Object keyBlock, Path file, String keyAlgorithm) {
        if (keyBlock instanceof PEMKeyPair || keyBlock instanceof PrivateKeyInfo) {
            warnWhenOthersMayRead(file);
        }
        if (keyBlock instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (keyBlock instanceof PrivateKeyInfo info) {
            return info;
        }
        // A wrong pass-phrase shows as a padding or parsing failure; the dialog never prints the cause
        // because some providers echo input in their messages.
        return askAndOpen(file, keyAlgorithm, "private key", passPhrase -> {
            if (keyBlock instanceof PEMEncryptedKeyPair encrypted) {
                return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passPhrase))
                        .getPrivateKeyInfo();
            }
            return ((PKCS8EncryptedPrivateKeyInfo) keyBlock).decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passPhrase));
        });
    }

    /** Opens an encrypted key or store through the start-up's dialog; a problem and {@code null} when it stays closed. */
    private <T> T askAndOpen(Path file, String keyAlgorithm, String what, PassPhraseDialog.Attempt<T> attempt) {
        PassPhraseRequest request = new PassPhraseRequest(virtualHost == null ? "" : virtualHost, port,
                file, keyIndex, keyAlgorithm, 1);
        try {
            return passPhrases.open(request, attempt);
        } catch (PassPhraseDialog.NotOpened e) {
            switch (e.failure()) {
                case WRONG_PASS_PHRASE -> wrongPassPhrase(file, what);
                case PROVIDER_FAILED -> problems.add(virtualHost, file.toString(), "the " + what + " is encrypted and "
                        + e.providerFailure().getMessage(), e.providerFailure().fix());
                default -> problems.add(virtualHost, file.toString(), "the " + what + " is encrypted, but no pass-phrase is available for it.",
                        "configure TlsConfig.builder().passPhraseProvider(...), or store the key unencrypted with "
                                + "owner-only permissions (`openssl pkey -in KEY -out KEY.plain`, then chmod 600).");
            }
            return null;
        }
    }

    /** An unencrypted key that its group or others can read is a key anyone on the machine may copy (F18). */
    private void warnWhenOthersMayRead(Path file) {
        String permissions = Secrets.readableByOthers(file);
        if (permissions != null) {
            log.warn("{}the private key {} is not encrypted and can be read by its group or by others ({}); "
                    + "make it readable by the server's user only (chmod 600 {}) or encrypt it with a pass-phrase (F18)",
                    virtualHost == null ? "" : "Virtual host '" + virtualHost + "': ", file, permissions, file);
        }
    }

    private void wrongPassPhrase(Path file, String what) {
        problems.add(virtualHost, file.toString(), "the pass-phrase given for this encrypted " + what + " is wrong: it does not decrypt it.",
                "give the pass-phrase the " + what + " was encrypted with; "
                        + (what.equals("key store") ? "`keytool -list -keystore " + file + "`" : "`openssl pkey -noout -in " + file + "`")
                        + " checks one by hand.");
    }

    /** Reads a whole file, turning the OS's refusal into a problem with the reason and the fix (F2). */
    private byte[] readFile(Path file, String role) {
        String fix;
        String reason;
        try {
            if (Files.isDirectory(file)) {
                reason = "it is a directory";
                fix = "name the " + role + " file itself, not the directory that holds it.";
            } else {
                return Files.readAllBytes(file);
            }
        } catch (NoSuchFileException e) {
            Path parent = file.toAbsolutePath().getParent();
            reason = parent != null && !Files.isDirectory(parent)
                    ? "its directory " + parent + " does not exist" : "no such file";
            fix = "check the path" + (file.isAbsolute() ? "" : " (relative paths resolve against the working directory "
                    + Path.of("").toAbsolutePath() + ")") + ".";
        } catch (AccessDeniedException e) {
            reason = "permission denied for user '" + System.getProperty("user.name") + "'";
            fix = "make the file readable by that user and every parent directory searchable (chmod o+x or setfacl), "
                    + "keeping private keys unreadable by others.";
        } catch (FileSystemException e) {
            reason = e.getReason() == null ? e.toString() : e.getReason().toLowerCase(Locale.ROOT);
            fix = "check the path and the file system.";
        } catch (IOException e) {
            reason = e.getMessage();
            fix = "check the path and the file system.";
        }
        problems.add(virtualHost, file.toString(), "cannot read the " + role + " file: " + reason + ".", fix);
        return null;
    }

    private static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /** mod_ssl lets the certificate file carry DH parameters (F36); Bouncy Castle's PEM parser does not know the block. */
    private static byte[] withoutDhParameters(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.replaceAll("-----BEGIN DH PARAMETERS-----[^-]*-----END DH PARAMETERS-----", "")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static PEMParser pemParser(byte[] bytes) {
        Reader text = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        return new PEMParser(text);
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

    private void warnAboutValidity(KeyMaterial material) {
        missingIssuer(material.chain()).ifPresent(issuer -> log.warn("Virtual host '{}': certificate {} ({}) was issued by {}, but no"
                + " issuer certificate is configured (openssl: unable to get local issuer certificate); clients that do not already"
                + " hold it refuse the chain. Fix: {}", virtualHost, material.leaf().getSubjectX500Principal().getName(),
                material.origin(), issuer, missingIssuerFix(issuer)));
        X509Certificate leaf = material.leaf();
        Instant now = Instant.now();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            log.warn("Virtual host '{}': certificate {} ({}) EXPIRED on {}; clients will refuse it. Renew it.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), notAfter);
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            log.warn("Virtual host '{}': certificate {} ({}) expires on {}, in {} day(s). Renew it soon.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), notAfter,
                    Duration.between(now, notAfter).toDays());
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            log.warn("Virtual host '{}': certificate {} ({}) is not valid before {}; check the clock or the certificate.",
                    virtualHost, leaf.getSubjectX500Principal().getName(), material.origin(), leaf.getNotBefore().toInstant());
        }
    }
}
