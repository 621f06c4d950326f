package io.tlsconnector.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away self-signed certificate for trying a server out (F14): ECDSA P-256, valid for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} unless other names are given. Clients will
 * not trust it; it is for development only.
 *
 * @param privateKey  the generated key, kept in memory only
 * @param certificate the self-signed certificate
 */
public record DevelopmentCertificate(PrivateKey privateKey, X509Certificate certificate) {
    /** The names a development certificate covers by default. */
    public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

    // Made anew at every start; long enough that the 30-day expiry warning does not fire on it.
    private static final Duration VALIDITY = Duration.ofDays(90);

    /** A certificate for {@link #LOCAL_NAMES}. */
    public static DevelopmentCertificate generate() {
        return generate(LOCAL_NAMES);
    }

    /**
     * @param names DNS names and IP addresses for the subjectAltName; the first is also the CN
     */
    public static DevelopmentCertificate generate(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a development certificate needs at least one name");
        }
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "tls-connector development certificate (do not trust)")
                    .addRDN(BCStyle.CN, names.get(0)).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            List<GeneralName> altNames = new ArrayList<>();
            for (String name : names) {
                boolean ip = name.contains(":") || name.matches("[0-9.]+");
                altNames.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames.toArray(GeneralName[]::new)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new DevelopmentCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not generate a development certificate: " + e.getMessage(), e);
        }
    }

    /** Masks the key. */
    @Override
    public String toString() {
        return "DevelopmentCertificate[" + certificate.getSubjectX500Principal().getName() + ", privateKey=****]";
    }
}
