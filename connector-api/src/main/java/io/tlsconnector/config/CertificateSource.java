package io.tlsconnector.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where a virtual host's certificate, chain and private key come from. A description only: the
 * files are opened by {@code TlsRuntime.start}, never here.
 */
public sealed interface CertificateSource
        permits CertificateSource.PemFiles, CertificateSource.KeyStoreFile, CertificateSource.InMemory {

    /**
     * A certificate file (PEM or DER; a PEM file may carry the chain after the leaf) and a PEM private
     * key (PKCS#1, PKCS#8 or SEC1 EC, plain or encrypted), as mod_ssl's SSLCertificateFile and
     * SSLCertificateKeyFile.
     */
    static PemFiles pem(Path certificate, Path privateKey) {
        return new PemFiles(certificate, privateKey, null);
    }

    /**
     * A PKCS#12 or JKS key store. Its password is asked from the configured pass-phrase provider
     * (a store without a password opens without asking). The first key entry is used unless
     * {@link KeyStoreFile#withAlias(String)} names one.
     *
     * @param type {@code PKCS12} or {@code JKS}
     */
    static KeyStoreFile keyStore(Path file, String type) {
        return new KeyStoreFile(file, type, null);
    }

    /** Key material already in memory, e.g. a generated development certificate. */
    static InMemory of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new InMemory(privateKey, chain);
    }

    /** A short description for logs and messages; never contains key material. */
    String describe();

    /**
     * @param certificate leaf certificate file, optionally followed by its chain
     * @param privateKey  private key file
     * @param chain       separate chain file (mod_ssl SSLCertificateChainFile), or {@code null}
     */
    record PemFiles(Path certificate, Path privateKey, Path chain) implements CertificateSource {
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        /** The intermediate certificates, leaf's issuer first, in a separate file. */
        public PemFiles withChain(Path chainFile) {
            return new PemFiles(certificate, privateKey, Objects.requireNonNull(chainFile, "chainFile"));
        }

        @Override
        public String describe() {
            return "certificate " + certificate + ", key " + privateKey + (chain == null ? "" : ", chain " + chain);
        }
    }

    /**
     * @param file  the key store file
     * @param type  {@code PKCS12} or {@code JKS}
     * @param alias the entry to use, or {@code null} for the first key entry
     */
    record KeyStoreFile(Path file, String type, String alias) implements CertificateSource {
        public KeyStoreFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(type, "type");
        }

        public KeyStoreFile withAlias(String entryAlias) {
            return new KeyStoreFile(file, type, Objects.requireNonNull(entryAlias, "entryAlias"));
        }

        @Override
        public String describe() {
            return type + " key store " + file + (alias == null ? "" : " (alias '" + alias + "')");
        }
    }

    /**
     * @param privateKey the private key
     * @param chain      leaf first, then its issuers
     */
    record InMemory(PrivateKey privateKey, List<X509Certificate> chain) implements CertificateSource {
        public InMemory {
            Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("an in-memory certificate source needs at least the leaf certificate");
            }
        }

        @Override
        public String describe() {
            return "in-memory certificate " + chain.get(0).getSubjectX500Principal().getName();
        }

        /** Masks the key: a config printed to a log must not leak it. */
        @Override
        public String toString() {
            return "InMemory[" + describe() + ", privateKey=****]";
        }
    }
}
