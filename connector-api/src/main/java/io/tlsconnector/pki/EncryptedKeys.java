package io.tlsconnector.pki;

import java.io.IOException;
import java.security.Provider;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Decrypts the two encrypted key forms OpenSSL writes: PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}, PBES1
 * or PBES2) and the traditional OpenSSL form ({@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info} headers).
 */
final class EncryptedKeys {
    /** Used as a library, never registered: the application's provider list stays as it is. */
    private static final Provider BC = new BouncyCastleProvider();

    private EncryptedKeys() {
    }

    static boolean isEncrypted(Object keyBlock) {
        return keyBlock instanceof PEMEncryptedKeyPair || keyBlock instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /**
     * A wrong pass-phrase shows as a padding or parsing failure; callers never print the cause because
     * some providers echo input in their messages.
     *
     * @param keyBlock a {@link PEMEncryptedKeyPair} or a {@link PKCS8EncryptedPrivateKeyInfo}
     */
    static PrivateKeyInfo decrypt(Object keyBlock, char[] passPhrase) throws IOException, OperatorCreationException, PKCSException {
        if (keyBlock instanceof PEMEncryptedKeyPair traditional) {
            return traditional.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passPhrase))
                    .getPrivateKeyInfo();
        }
        return ((PKCS8EncryptedPrivateKeyInfo) keyBlock).decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passPhrase));
    }
}
