package io.tlsconnector.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** PEM files, through Bouncy Castle's parser: certificates, and the key blocks of every form OpenSSL writes. */
final class Pem {
    private Pem() {
    }

    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /**
     * Every certificate ({@code CERTIFICATE} and {@code TRUSTED CERTIFICATE} blocks) in file order; keys,
     * parameters and CRLs in a certificate file are allowed and skipped.
     */
    static List<X509Certificate> certificates(byte[] bytes) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = parser(withoutDhParameters(bytes))) {
            Object block;
            while ((block = parser.readObject()) != null) {
                if (block instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                } else if (block instanceof X509TrustedCertificateBlock trusted) {
                    certificates.add(converter.getCertificate(trusted.getCertificateHolder()));
                }
            }
        }
        return certificates;
    }

    /**
     * The first private key block: PKCS#1 or SEC1 ({@link PEMKeyPair}), PKCS#8 ({@link PrivateKeyInfo}),
     * OpenSSL-traditional encrypted ({@link PEMEncryptedKeyPair}) or PKCS#8 encrypted
     * ({@link PKCS8EncryptedPrivateKeyInfo}); {@code null} when the file holds none.
     */
    static Object keyBlock(byte[] bytes) throws IOException {
        try (PEMParser parser = parser(bytes)) {
            Object block;
            while ((block = parser.readObject()) != null) {
                // EC PARAMETERS blocks (openssl ecparam -genkey) and certificates are skipped.
                if (block instanceof PEMKeyPair || block instanceof PrivateKeyInfo
                        || block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    return block;
                }
            }
            return null;
        }
    }

    /** mod_ssl lets the certificate file carry DH parameters (F36); Bouncy Castle's PEM parser does not know the block. */
    private static byte[] withoutDhParameters(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.replaceAll("-----BEGIN DH PARAMETERS-----[^-]*-----END DH PARAMETERS-----", "")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static PEMParser parser(byte[] bytes) {
        return new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII));
    }
}
