package io.tlsconnector.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates with exactly the subject bytes a test wants: RDNs built attribute by attribute with
 * their own ASN.1 string types (multi-valued RDNs, repeated attributes, T61/BMP/Universal strings,
 * unknown OIDs), odd serials, chosen dates and any subjectAltName entries.
 */
public final class CertificateBuilder {
    private final List<ASN1Encodable> rdns = new ArrayList<>();
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private final List<Extension> extensions = new ArrayList<>();
    private BigInteger serial = BigInteger.ONE;
    private Instant notBefore = Instant.now().minusSeconds(3600);
    private Instant notAfter = Instant.now().plusSeconds(86400L * 365);
    private KeyPair keys;
    private boolean ca;

    public static CertificateBuilder subject() {
        return new CertificateBuilder();
    }

    /**
     * Adds one RDN; several {@code (oid, value)} pairs make a multi-valued RDN. Values are ASN.1 strings
     * such as {@code new DERUTF8String("x")}, {@code new DERT61String(bytes)}, {@code new DERBMPString("x")}.
     */
    public CertificateBuilder rdn(Object... oidValuePairs) {
        List<ASN1Encodable> members = new ArrayList<>();
        for (int i = 0; i < oidValuePairs.length; i += 2) {
            members.add(new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier((String) oidValuePairs[i]), (ASN1Encodable) oidValuePairs[i + 1]}));
        }
        rdns.add(new DERSet(members.toArray(ASN1Encodable[]::new)));
        return this;
    }

    public CertificateBuilder serial(BigInteger value) {
        this.serial = value;
        return this;
    }

    public CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    public CertificateBuilder san(GeneralName name) {
        subjectAltNames.add(name);
        return this;
    }

    /** Adds a non-critical extension {@code oid} whose value is {@code value} (e.g. a {@code DERUTF8String}). */
    public CertificateBuilder extension(String oid, ASN1Encodable value) {
        try {
            extensions.add(new Extension(new ASN1ObjectIdentifier(oid), false, value.toASN1Primitive().getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public CertificateBuilder keys(KeyPair pair) {
        this.keys = pair;
        return this;
    }

    public CertificateBuilder certificateAuthority() {
        this.ca = true;
        return this;
    }

    public X500Name name() {
        return X500Name.getInstance(new DERSequence(rdns.toArray(ASN1Encodable[]::new)));
    }

    /** Issues the certificate; {@code issuer == null} signs it with its own key (self-signed). */
    public TestPki.Issued issuedBy(TestPki.Issued issuer) {
        KeyPair pair = keys != null ? keys : TestPki.ecKeyPair();
        X500Name subject = name();
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, pair.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
            return new TestPki.Issued(pair.getPrivate(), cert, issuer == null ? List.of() : List.of(issuer.certificate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }

    /** A CRL signed by {@code issuer}, valid from an hour ago for a week, listing {@code revoked}. */
    public static X509CRL crl(TestPki.Issued issuer, X509Certificate... revoked) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(3600)));
            builder.setNextUpdate(Date.from(now.plus(java.time.Duration.ofDays(7))));
            for (X509Certificate c : revoked) {
                builder.addCRLEntry(c.getSerialNumber(), Date.from(now.minusSeconds(60)), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm(issuer.privateKey())).build(issuer.privateKey())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
