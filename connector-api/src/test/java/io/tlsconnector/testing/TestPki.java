package io.tlsconnector.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates built in memory: a root CA, an intermediate CA, and leaves they issue. Nothing
 * is committed; tests write what they need to a {@code @TempDir}.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Issued root;
    private final Issued intermediate;

    private TestPki(Issued root, Issued intermediate) {
        this.root = root;
        this.intermediate = intermediate;
    }

    /** A fresh root → intermediate hierarchy (ECDSA P-256 CAs). */
    public static TestPki create() {
        KeyPair rootKeys = ecKeyPair();
        X500Name rootName = new X500Name("CN=Test Root CA,O=tls-connector tests");
        X509Certificate rootCert = sign(rootName, rootKeys.getPublic(), rootName, rootKeys.getPrivate(), rootKeys.getPublic(),
                true, List.of(), Duration.ofDays(3650));
        Issued root = new Issued(rootKeys.getPrivate(), rootCert, List.of());

        KeyPair interKeys = ecKeyPair();
        X500Name interName = new X500Name("CN=Test Intermediate CA,O=tls-connector tests");
        X509Certificate interCert = sign(interName, interKeys.getPublic(), rootName, rootKeys.getPrivate(), rootKeys.getPublic(),
                true, List.of(), Duration.ofDays(3650));
        Issued intermediate = new Issued(interKeys.getPrivate(), interCert, List.of(rootCert));
        return new TestPki(root, intermediate);
    }

    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    public X509Certificate intermediateCertificate() {
        return intermediate.certificate();
    }

    /** A server certificate with an ECDSA P-256 key, issued by the intermediate; names become SAN entries. */
    public Issued issueServer(String commonName, String... subjectAltNames) {
        return issue(ecKeyPair(), commonName, List.of(subjectAltNames), Duration.ofDays(365));
    }

    /** A server certificate with an RSA 2048 key, issued by the intermediate. */
    public Issued issueServerRsa(String commonName, String... subjectAltNames) {
        return issue(rsaKeyPair(2048), commonName, List.of(subjectAltNames), Duration.ofDays(365));
    }

    /** A leaf for an arbitrary key pair, issued by the intermediate. */
    public Issued issue(KeyPair keys, String commonName, List<String> subjectAltNames, Duration validity) {
        return issue(keys, commonName, subjectAltNames, validity, null);
    }

    /** An ECDSA server certificate whose AIA extension names {@code ocspResponder}. */
    public Issued issueServerWithOcsp(String ocspResponder, String commonName, String... subjectAltNames) {
        return issue(ecKeyPair(), commonName, List.of(subjectAltNames), Duration.ofDays(365), ocspResponder);
    }

    private Issued issue(KeyPair keys, String commonName, List<String> subjectAltNames, Duration validity, String ocspResponder) {
        X500Name subject = new X500Name("CN=" + commonName + ",O=tls-connector tests");
        X509Certificate cert = sign(subject, keys.getPublic(),
                X500Name.getInstance(intermediate.certificate().getSubjectX500Principal().getEncoded()),
                intermediate.privateKey(), intermediate.certificate().getPublicKey(), false, subjectAltNames, validity, ocspResponder);
        return new Issued(keys.getPrivate(), cert, List.of(intermediate.certificate()));
    }

    /** The intermediate CA, which issues every leaf (and signs OCSP responses for them in tests). */
    public Issued intermediate() {
        return intermediate;
    }

    /** A self-signed ECDSA P-256 certificate, no CA involved. */
    public static Issued selfSigned(String commonName, String... subjectAltNames) {
        KeyPair keys = ecKeyPair();
        X500Name subject = new X500Name("CN=" + commonName);
        X509Certificate cert = sign(subject, keys.getPublic(), subject, keys.getPrivate(), keys.getPublic(), false,
                List.of(subjectAltNames), Duration.ofDays(365));
        return new Issued(keys.getPrivate(), cert, List.of());
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                        PublicKey issuerPublicKey, boolean ca, List<String> subjectAltNames, Duration validity) {
        return sign(subject, subjectKey, issuer, issuerKey, issuerPublicKey, ca, subjectAltNames, validity, null);
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                        PublicKey issuerPublicKey, boolean ca, List<String> subjectAltNames, Duration validity,
                                        String ocspResponder) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerPublicKey));
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            if (!subjectAltNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String name : subjectAltNames) {
                    names.add(isIpAddress(name)
                            ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (ocspResponder != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                        org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocspResponder)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIpAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    /** PEM text of any BC-writable object (certificates, keys as PKCS#8). */
    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A leaf's key and certificate with the chain a server sends after it (issuer first, without
     * the root).
     */
    public record Issued(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
        public Issued {
            chain = List.copyOf(chain);
        }

        /** Leaf followed by the chain. */
        public List<X509Certificate> fullChain() {
            List<X509Certificate> all = new ArrayList<>();
            all.add(certificate);
            all.addAll(chain);
            return all;
        }

        /** Writes the leaf certificate (PEM) to {@code dir/name.crt}. */
        public Path writeCertificate(Path dir, String name) {
            return write(dir.resolve(name + ".crt"), pem(certificate));
        }

        /** Writes leaf and chain (PEM) to {@code dir/name-fullchain.crt}. */
        public Path writeFullChain(Path dir, String name) {
            return write(dir.resolve(name + "-fullchain.crt"), pem(fullChain().toArray()));
        }

        /** Writes the chain without the leaf (PEM) to {@code dir/name-chain.crt}. */
        public Path writeChain(Path dir, String name) {
            return write(dir.resolve(name + "-chain.crt"), pem(chain.toArray()));
        }

        /** Writes the private key as unencrypted PKCS#8 PEM to {@code dir/name.key}. */
        public Path writeKey(Path dir, String name) {
            try {
                return write(dir.resolve(name + ".key"),
                        pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(privateKey, null).generate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + ", privateKey=****]";
        }
    }
}
