package io.tlsconnector.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * Opens a PKCS#12 or JKS key store through the JCA: a store without a password at once, otherwise
 * with the pass-phrase dialog, as mod_ssl asks for a key; then picks the key entry and its chain.
 */
final class KeyStoreReader {
    /** The loader's logger, so operators' logging settings for key loading keep working. */
    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    private KeyStoreReader() {
    }

    /** @return the checked key material, or {@code null} after adding the problem to {@code context} */
    static KeyMaterial read(LoadContext context, CertificateSource.KeyStoreFile source) {
        Path file = source.file();
        byte[] bytes = context.readFile(file, "key store");
        if (bytes == null) {
            return null;
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(source.type());
        } catch (KeyStoreException e) {
            context.problem(file.toString(), "the key store type '" + source.type() + "' is not known to this JVM.",
                    "use PKCS12 (for .p12/.pfx files) or JKS.");
            return null;
        }
        char[] password = new char[0];
        try {
            try {
                store.load(new ByteArrayInputStream(bytes), password);
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnrecoverableKeyException)) {
                    context.problem(file.toString(), "is not a readable " + source.type() + " key store: "
                                    + e.getMessage() + ".",
                            "check the file and its type: PKCS12 for .p12/.pfx files, JKS for Java key stores; "
                                    + "`keytool -list -keystore " + file + "` shows what it holds.");
                    return null;
                }
                KeyStore typed = store;
                password = context.askAndOpen(file, "UNK", "key store", passPhrase -> {
                    typed.load(new ByteArrayInputStream(bytes), passPhrase);
                    return passPhrase.clone();
                });
                if (password == null) {
                    return null;
                }
            }
            String alias = chooseAlias(context, store, source);
            if (alias == null) {
                return null;
            }
            PrivateKey key = keyEntry(context, store, alias, password, file);
            if (key == null) {
                return null;
            }
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] stored = store.getCertificateChain(alias);
            for (Certificate certificate : stored == null ? new Certificate[0] : stored) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                context.problem(source.describe(), "the key entry '" + alias + "' has no certificate chain.",
                        "import the key together with its certificate (openssl pkcs12 -export -inkey KEY -in CERT).");
                return null;
            }
            return KeyMaterialChecks.checked(context, key, chain, source.describe(), source.describe(), source.describe());
        } catch (GeneralSecurityException e) {
            context.problem(file.toString(), "could not be read: " + e.getMessage() + ".",
                    "check the key store with `keytool -list -v -keystore " + file + "`.");
            return null;
        } finally {
            PassPhraseProvider.wipe(password);
        }
    }

    private static String chooseAlias(LoadContext context, KeyStore store, CertificateSource.KeyStoreFile source)
            throws KeyStoreException {
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
            context.problem(source.file().toString(), "has no key entry named '" + source.alias()
                            + "'; its key entries are " + keyAliases + ".",
                    "name one of those with withAlias(...), or leave the alias out to use the first.");
            return null;
        }
        if (keyAliases.isEmpty()) {
            context.problem(source.file().toString(), "holds no private key entry, only certificates.",
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

    private static PrivateKey keyEntry(LoadContext context, KeyStore store, String alias, char[] storePassword, Path file)
            throws GeneralSecurityException {
        try {
            return (PrivateKey) store.getKey(alias, storePassword);
        } catch (UnrecoverableKeyException e) {
            context.problem(file.toString(), "the key entry '" + alias
                            + "' is protected by a password other than the key store's.",
                    "give the key entry the store's password (keytool -keypasswd -alias " + alias + ").");
            return null;
        }
    }
}
