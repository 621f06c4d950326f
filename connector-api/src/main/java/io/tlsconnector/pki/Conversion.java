package io.tlsconnector.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * Converts between PEM, DER, PKCS#12 and JKS (F22), as {@code openssl x509 -outform DER},
 * {@code openssl pkcs12 -export} and {@code keytool -importkeystore} do.
 */
public final class Conversion {

    /** The file formats. */
    public enum Format {
        /** Certificates then the key (PKCS#8), as text. */
        PEM,
        /** One binary object: the first certificate, or the key (PKCS#8) when there is none. */
        DER,
        /** A PKCS#12 key store (.p12/.pfx). */
        PKCS12,
        /** A Java key store. */
        JKS;

        public static Format parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace("#", "").replace("-", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + name + "'; use pem, der, pkcs12 or jks");
            }
        }
    }

    /**
     * What a file holds.
     *
     * @param certificates in file order (a key store's chain: leaf first)
     * @param privateKey   the key, or {@code null}
     */
    public record Contents(List<X509Certificate> certificates, PrivateKey privateKey) {
        public Contents {
            certificates = List.copyOf(certificates);
        }

        @Override
        public String toString() {
            return "Contents[" + certificates.size() + " certificate(s), privateKey=" + (privateKey == null ? "none" : "****") + "]";
        }
    }

    private Conversion() {
    }

    /**
     * Reads a PEM, DER, PKCS#12 or JKS file.
     *
     * @param passPhrases asked for an encrypted key or a key store's password
     */
    public static Contents read(Path file, PassPhraseProvider passPhrases) {
        byte[] bytes = PkiFiles.read(file, "input file");
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ")) {
            List<X509Certificate> certificates = new ArrayList<>();
            PrivateKey key = null;
            TlsConfigException certificateProblem = null;
            try {
                certificates.addAll(KeyMaterialLoader.loadCertificates(file, "input"));
            } catch (TlsConfigException e) {
                certificateProblem = e;
            }
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY-----")) {
                key = KeyMaterialLoader.loadPrivateKey(file, passPhrases);
            } else if (certificateProblem != null) {
                throw certificateProblem;
            }
            return new Contents(certificates, key);
        }
        List<X509Certificate> certificates = derCertificates(bytes);
        if (!certificates.isEmpty()) {
            return new Contents(certificates, null);
        }
        String storeType = isJks(bytes) ? "JKS" : looksLikePkcs12(bytes) ? "PKCS12" : null;
        if (storeType != null) {
            KeyMaterial material = KeyMaterialLoader.load(CertificateSource.keyStore(file, storeType), null, passPhrases);
            return new Contents(material.chain(), material.privateKey());
        }
        return new Contents(List.of(), KeyMaterialLoader.loadPrivateKey(file, passPhrases));
    }

    /**
     * Converts {@code in} to {@code out} in the given format.
     *
     * @param passPhrases   opens an encrypted input
     * @param outPassPhrase protects the output: required for PKCS#12 and JKS, encrypts the key in PEM; not kept
     * @param alias         the key store entry name for PKCS#12 and JKS output
     */
    public static void convert(Path in, Path out, Format to, PassPhraseProvider passPhrases, char[] outPassPhrase, String alias) {
        Contents contents = read(in, passPhrases);
        switch (to) {
            case PEM -> {
                StringBuilder text = new StringBuilder(Certificates.pem(contents.certificates()));
                if (contents.privateKey() != null) {
                    text.append(PrivateKeys.pem(contents.privateKey(), outPassPhrase));
                }
                PkiFiles.writeText(out, text.toString(), contents.privateKey() != null);
            }
            case DER -> PkiFiles.write(out, der(in, contents), contents.certificates().isEmpty());
            default -> PkiFiles.write(out, keyStore(in, out, to, contents, outPassPhrase, alias), true);
        }
    }

    private static byte[] der(Path in, Contents contents) {
        try {
            if (contents.certificates().size() > 1) {
                throw new TlsException("DER holds one object, but " + in + " holds " + contents.certificates().size()
                        + " certificates; split the chain, or convert to pem or pkcs12 which hold a whole chain.");
            }
            if (!contents.certificates().isEmpty()) {
                return contents.certificates().get(0).getEncoded();
            }
            if (contents.privateKey() == null) {
                throw new TlsException(in + " holds nothing to convert; point to a certificate or key file.");
            }
            return contents.privateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TlsException("Cannot encode " + in + " as DER: " + e.getMessage(), e);
        }
    }

    private static byte[] keyStore(Path in, Path out, Format to, Contents contents, char[] password, String alias) {
        if (password == null || password.length == 0) {
            throw new TlsException("A " + to + " key store needs a password to protect it; give one for " + out + ".");
        }
        if (contents.certificates().isEmpty()) {
            throw new TlsException(in + " holds no certificate; a " + to + " key store holds a key with its certificate chain "
                    + "(add the certificate, e.g. cat server.crt server.key > both.pem) or trusted certificates.");
        }
        try {
            KeyStore store = KeyStore.getInstance(to.name());
            store.load(null, null);
            String name = alias == null ? "tls" : alias;
            if (contents.privateKey() != null) {
                store.setKeyEntry(name, contents.privateKey(), password, contents.certificates().toArray(Certificate[]::new));
            } else {
                for (int i = 0; i < contents.certificates().size(); i++) {
                    store.setCertificateEntry(i == 0 ? name : name + "-" + i, contents.certificates().get(i));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            return bytes.toByteArray();
        } catch (Exception e) {
            throw new TlsException("Cannot write " + out + " as " + to + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> derCertificates(byte[] bytes) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            certificates.clear();
        }
        return certificates;
    }

    private static boolean isJks(byte[] bytes) {
        return bytes.length > 4 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xED && (bytes[2] & 0xff) == 0xFE
                && (bytes[3] & 0xff) == 0xED;
    }

    /** A PFX is a SEQUENCE starting with INTEGER 3. */
    private static boolean looksLikePkcs12(byte[] bytes) {
        try {
            org.bouncycastle.asn1.pkcs.Pfx.getInstance(bytes);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
