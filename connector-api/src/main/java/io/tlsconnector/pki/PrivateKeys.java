package io.tlsconnector.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.Secrets;
import io.tlsconnector.config.KeySpec;

/**
 * Private keys for the FAQ's key chores: generate (F15), write plain or encrypted, change the
 * pass-phrase (F17), remove it (F18). Encrypted keys are PKCS#8 v2 (PBES2, PBKDF2-HMAC-SHA256,
 * AES-256-CBC), the form {@code openssl genpkey -aes256} writes and every OpenSSL reads.
 */
public final class PrivateKeys {
    private static final Logger log = LoggerFactory.getLogger(PrivateKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** OpenSSL 3's default PBKDF2 iteration count for {@code pkcs8 -v2}. */
    private static final int ITERATIONS = 2048;

    private PrivateKeys() {
    }

    /** A new key pair of the given kind. */
    public static KeyPair generate(KeySpec spec) {
        try {
            KeyPairGenerator generator;
            switch (spec.type()) {
                case RSA -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(spec.bits(), RANDOM);
                }
                case EC -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(spec.curve()), RANDOM);
                }
                default -> generator = KeyPairGenerator.getInstance("Ed25519");
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TlsException("This JVM cannot generate a " + spec + " key: " + e.getMessage()
                    + "; use RSA or EC P-256, which every JVM supports.", e);
        }
    }

    /** The public half of a private key (RSA CRT, EC or Ed25519), computed with Bouncy Castle. */
    public static PublicKey publicKey(PrivateKey key) {
        try {
            AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
            AsymmetricKeyParameter publicParameters;
            if (parameters instanceof RSAPrivateCrtKeyParameters rsa) {
                publicParameters = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            } else if (parameters instanceof ECPrivateKeyParameters ec) {
                publicParameters = new ECPublicKeyParameters(
                        new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize(), ec.getParameters());
            } else if (parameters instanceof Ed25519PrivateKeyParameters ed) {
                publicParameters = ed.generatePublicKey();
            } else {
                throw new TlsException("Cannot derive the public key of a " + key.getAlgorithm()
                        + " key; use an RSA, EC or Ed25519 key.");
            }
            return new JcaPEMKeyConverter().getPublicKey(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParameters));
        } catch (IOException e) {
            throw new TlsException("Cannot derive the public key of a " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    /** The key pair of a private key. */
    public static KeyPair keyPair(PrivateKey key) {
        return new KeyPair(publicKey(key), key);
    }

    /**
     * PKCS#8 PEM text of the key.
     *
     * @param passPhrase encrypts the key (AES-256-CBC, PBKDF2) when not null; not kept
     */
    public static String pem(PrivateKey key, char[] passPhrase) {
        try {
            OutputEncryptor encryptor = null;
            if (passPhrase != null) {
                if (passPhrase.length == 0) {
                    throw new TlsException("An empty pass-phrase cannot protect a key; give a pass-phrase, or write the key "
                            + "unencrypted (tlsctl nopass).");
                }
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(ITERATIONS).setRandom(RANDOM)
                        .setProvider(new BouncyCastleProvider()).setPassword(passPhrase).build();
            }
            return PkiFiles.pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new TlsException("Cannot encode the " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the key as PKCS#8 PEM, owner-only (0600), replacing {@code file} atomically.
     *
     * @param passPhrase encrypts the key when not null
     */
    public static void write(Path file, PrivateKey key, char[] passPhrase) {
        PkiFiles.writeText(file, pem(key, passPhrase), true);
    }

    /**
     * Opens a key file of any format start-up accepts (see {@link KeyMaterialLoader}).
     *
     * @throws io.tlsconnector.TlsConfigException naming the file and the fix
     */
    public static PrivateKey read(Path file, PassPhraseProvider passPhrases) {
        return KeyMaterialLoader.loadPrivateKey(file, passPhrases);
    }

    /** True when opening the key needs a pass-phrase. */
    public static boolean isEncrypted(Path file) {
        AtomicBoolean asked = new AtomicBoolean();
        try {
            KeyMaterialLoader.loadPrivateKey(file, request -> {
                asked.set(true);
                return null;
            });
        } catch (io.tlsconnector.TlsConfigException e) {
            if (!asked.get()) {
                throw e;
            }
        }
        return asked.get();
    }

    /**
     * Re-encrypts a key file with a new pass-phrase, replacing it atomically: a crash leaves the old
     * file or the new one, never half of one (F17). The file keeps owner-only permissions.
     *
     * @param current asked for the current pass-phrase when the key is encrypted
     * @param newPassPhrase the new pass-phrase; not kept
     */
    public static void changePassPhrase(Path file, PassPhraseProvider current, char[] newPassPhrase) {
        Objects.requireNonNull(newPassPhrase, "newPassPhrase");
        PrivateKey key = read(file, current);
        write(file, key, newPassPhrase);
        log.info("Re-encrypted private key {} with a new pass-phrase", file);
    }

    /**
     * Writes an unencrypted copy of a key, owner-only (0600), and warns: anyone who can read the
     * copy holds the server's identity (F18).
     *
     * @return the warning that was logged, for a command-line tool to print
     */
    public static String removePassPhrase(Path encrypted, Path out, PassPhraseProvider current) {
        PrivateKey key = read(encrypted, current);
        write(out, key, null);
        String warning = "The private key in " + out + " is NOT encrypted: anyone who can read the file can impersonate "
                + "the server. It is readable by its owner only (0600); keep it so, and keep it off backups and shared disks.";
        log.warn(warning);
        return warning;
    }

    /** True when a key file is readable by its group or by others (POSIX only; false elsewhere), see {@link Secrets#readableByOthers}. */
    public static boolean isReadableByOthers(Path file) {
        return Secrets.readableByOthers(file) != null;
    }
}
