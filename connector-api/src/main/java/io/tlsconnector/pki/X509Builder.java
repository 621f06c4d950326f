package io.tlsconnector.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.tlsconnector.TlsException;

/** Builds X.509 certificates with the extensions OpenSSL's {@code v3_ca}, {@code server_cert} and {@code usr_cert} give. */
final class X509Builder {
    /** Clocks differ; a certificate valid from a few minutes ago works at once everywhere. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final SecureRandom RANDOM = new SecureRandom();

    /** What a certificate is for. */
    enum Profile { CA, SERVER, CLIENT }

    private X509Builder() {
    }

    /** A positive random serial of 127 bits, as CAs use since serials must be unpredictable. */
    static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    static X509Certificate build(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey, X500Name subject,
                                 PublicKey subjectKey, BigInteger serial, Instant notAfter, Profile profile, GeneralNames altNames) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerPublicKey));
            if (profile == Profile.CA) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int usage = KeyUsage.digitalSignature;
                if ("RSA".equals(subjectKey.getAlgorithm())) {
                    usage |= KeyUsage.keyEncipherment;
                }
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        profile == Profile.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("Cannot build the certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key);
        } catch (OperatorCreationException e) {
            throw new TlsException("Cannot sign with a " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    /** SHA-256 with RSA or ECDSA (SHA-384/512 for the larger curves), or Ed25519. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> {
                int bits = key instanceof ECKey ec ? ec.getParams().getOrder().bitLength() : 256;
                yield bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            }
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> throw new TlsException("Cannot sign with a " + key.getAlgorithm() + " key; use RSA, EC or Ed25519.");
        };
    }
}
