package io.tlsconnector.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** DER (binary) files: X.509 certificates, and keys as {@code openssl pkey -outform DER} and its kin write them. */
final class Der {
    private Der() {
    }

    /** The certificate(s) of a DER file; empty when it is not DER X.509. */
    static List<X509Certificate> certificates(byte[] bytes) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException | RuntimeException e) {
            certificates.clear();
        }
        return certificates;
    }

    /**
     * A DER key: PKCS#8 ({@link PrivateKeyInfo}), PKCS#8 encrypted ({@link PKCS8EncryptedPrivateKeyInfo}),
     * PKCS#1 RSA or SEC1 EC (both as {@link PrivateKeyInfo}); {@code null} when it is none of them.
     */
    static Object keyBlock(byte[] bytes) {
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
}
