package io.tlsconnector.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.passphrase.Secrets;

/**
 * Reads a private key file with start-up's messages: PEM (PKCS#1, SEC1 EC, PKCS#8; plain,
 * OpenSSL-traditional encrypted or PKCS#8 encrypted) or DER, asking for the pass-phrase of an
 * encrypted key through the start-up's dialog.
 */
final class PrivateKeyReader {
    /** The loader's logger, so operators' logging settings for key loading keep working. */
    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    private PrivateKeyReader() {
    }

    /**
     * @param keyAlgorithm the mod_ssl algorithm name given to pass-phrase programs ({@code RSA}, {@code EC}, {@code UNK})
     * @return the key, or {@code null} after adding the problem to {@code context}
     */
    static PrivateKey read(LoadContext context, Path file, String keyAlgorithm) {
        byte[] bytes = context.readFile(file, "private key");
        if (bytes == null) {
            return null;
        }
        Object keyBlock;
        if (Pem.looksLikePem(bytes)) {
            try {
                keyBlock = Pem.keyBlock(bytes);
            } catch (IOException | RuntimeException e) {
                context.problem(file.toString(), "is not a readable PEM private key: " + e.getMessage() + ".",
                        "check the file with `openssl pkey -noout -in " + file + "`.");
                return null;
            }
        } else {
            keyBlock = Der.keyBlock(bytes);
        }
        if (keyBlock == null) {
            context.problem(file.toString(), "holds no private key.",
                    "point the key setting at the private key file (-----BEGIN PRIVATE KEY-----, "
                            + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).");
            return null;
        }
        PrivateKeyInfo keyInfo = open(context, keyBlock, file, keyAlgorithm);
        if (keyInfo == null) {
            return null;
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(keyInfo);
        } catch (IOException | RuntimeException e) {
            context.problem(file.toString(), "holds a key this JVM cannot use: " + e.getMessage() + ".",
                    "use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.");
            return null;
        }
    }

    private static PrivateKeyInfo open(LoadContext context, Object keyBlock, Path file, String keyAlgorithm) {
        if (EncryptedKeys.isEncrypted(keyBlock)) {
            return context.askAndOpen(file, keyAlgorithm, "private key", passPhrase -> EncryptedKeys.decrypt(keyBlock, passPhrase));
        }
        warnWhenOthersMayRead(context, file);
        return keyBlock instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) keyBlock;
    }

    /** An unencrypted key that its group or others can read is a key anyone on the machine may copy (F18). */
    private static void warnWhenOthersMayRead(LoadContext context, Path file) {
        String permissions = Secrets.readableByOthers(file);
        if (permissions != null) {
            log.warn("{}the private key {} is not encrypted and can be read by its group or by others ({}); "
                    + "make it readable by the server's user only (chmod 600 {}) or encrypt it with a pass-phrase (F18)",
                    context.virtualHost == null ? "" : "Virtual host '" + context.virtualHost + "': ", file, permissions, file);
        }
    }
}
