package io.tlsconnector.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Self-signed certificates (F14) and reading/writing certificate files. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * A self-signed server certificate for testing (F14): clients trust it only when told to (e.g.
     * {@code curl --cacert cert.pem}).
     */
    public static X509Certificate selfSigned(KeyPair keys, CertificateSubject subject, Duration validity) {
        return X509Builder.build(subject.x500Name(), keys.getPrivate(), keys.getPublic(), subject.x500Name(), keys.getPublic(),
                X509Builder.randomSerial(), Instant.now().plus(validity), X509Builder.Profile.SERVER, subject.generalNames());
    }

    /**
     * Every certificate of a PEM file (file order) or a DER file.
     *
     * @throws io.tlsconnector.TlsConfigException naming the file and the fix
     */
    public static List<X509Certificate> read(Path file) {
        return KeyMaterialLoader.loadCertificates(file, "certificate");
    }

    /** Writes certificates as PEM, in the order given, replacing the file atomically. */
    public static void write(Path file, List<X509Certificate> certificates) {
        PkiFiles.writeText(file, pem(certificates), false);
    }

    public static String pem(List<X509Certificate> certificates) {
        return PkiFiles.pem(certificates.toArray());
    }

    /** SHA-256 fingerprint of the whole certificate in OpenSSL's {@code AB:CD:...} form ({@code openssl x509 -fingerprint -sha256}). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
