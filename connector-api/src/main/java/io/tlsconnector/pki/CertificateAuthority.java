package io.tlsconnector.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.config.KeySpec;

/**
 * Your own CA, as the FAQ builds it with {@code openssl ca} (F16): a directory with the encrypted CA
 * key ({@code ca.key}), the self-signed CA certificate ({@code ca.crt}), OpenSSL's {@code serial},
 * {@code crlnumber} and {@code index.txt}, a copy of every issued certificate under
 * {@code certs/SERIAL.pem}, and the latest CRL in {@code crl.pem}. Like {@code openssl ca}, one
 * process signs at a time: the serial file and index are not locked.
 */
public final class CertificateAuthority {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    /** What a signed certificate is for: its extendedKeyUsage. */
    public enum Usage { SERVER, CLIENT }

    private final Path dir;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final CaDatabase database;

    private CertificateAuthority(Path dir, PrivateKey key, X509Certificate certificate) {
        this.dir = dir;
        this.key = key;
        this.certificate = certificate;
        this.database = new CaDatabase(dir);
    }

    /**
     * Creates a CA in an empty (or new) directory: an encrypted key and a self-signed certificate
     * with basicConstraints CA:TRUE and keyUsage keyCertSign, cRLSign.
     *
     * @param passPhrase encrypts {@code ca.key}; required, a CA key is never stored in the clear
     */
    public static CertificateAuthority init(Path dir, CertificateSubject subject, KeySpec keySpec, char[] passPhrase,
                                            Duration validity) {
        Objects.requireNonNull(passPhrase, "passPhrase");
        if (Files.exists(dir.resolve("ca.key")) || Files.exists(dir.resolve("ca.crt"))) {
            throw new TlsException("The directory " + dir + " already holds a CA (ca.key/ca.crt); choose another directory, "
                    + "or remove it to start over (every certificate it issued then loses its issuer).");
        }
        KeyPair keys = PrivateKeys.generate(keySpec);
        X500Name name = subject.x500Name();
        X509Certificate certificate = X509Builder.build(name, keys.getPrivate(), keys.getPublic(), name, keys.getPublic(),
                X509Builder.randomSerial(), Instant.now().plus(validity), X509Builder.Profile.CA, null);
        PrivateKeys.write(dir.resolve("ca.key"), keys.getPrivate(), passPhrase);
        Certificates.write(dir.resolve("ca.crt"), List.of(certificate));
        try {
            Files.createDirectories(dir.resolve("certs"));
        } catch (IOException e) {
            throw new TlsException("Cannot create " + dir.resolve("certs") + ": " + e + ".", e);
        }
        // Serials start at a random 64-bit value, as `openssl ca -create_serial` does, so two CAs never collide.
        new CaDatabase(dir).create(new BigInteger(63, X509Builder.RANDOM).setBit(62));
        log.info("Created CA {} in {} (key {}, valid until {})", certificate.getSubjectX500Principal().getName(), dir, keySpec,
                certificate.getNotAfter().toInstant());
        return new CertificateAuthority(dir, keys.getPrivate(), certificate);
    }

    /** Opens a CA directory made by {@link #init}, asking {@code passPhrases} for the CA key's pass-phrase. */
    public static CertificateAuthority open(Path dir, PassPhraseProvider passPhrases) {
        if (!Files.isRegularFile(dir.resolve("ca.crt")) || !Files.isRegularFile(dir.resolve("ca.key"))) {
            throw new TlsException("The directory " + dir + " is not a CA: ca.crt and ca.key are missing; create one with "
                    + "`tlsctl ca init --dir " + dir + " --cn \"Example CA\"`.");
        }
        X509Certificate certificate = Certificates.read(dir.resolve("ca.crt")).get(0);
        PrivateKey key = PrivateKeys.read(dir.resolve("ca.key"), passPhrases);
        if (!KeyMaterialChecks.matches(key, certificate.getPublicKey())) {
            throw new TlsException("The CA key " + dir.resolve("ca.key") + " does not match the CA certificate "
                    + dir.resolve("ca.crt") + "; restore the pair from the same backup.");
        }
        return new CertificateAuthority(dir, key, certificate);
    }

    public Path directory() {
        return dir;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a certificate for a CSR: basicConstraints CA:FALSE, keyUsage digitalSignature (and
     * keyEncipherment for RSA), extendedKeyUsage serverAuth or clientAuth, the CSR's subjectAltName,
     * key identifiers; the serial comes from the {@code serial} file and the certificate is recorded
     * in {@code index.txt} and {@code certs/}.
     */
    public X509Certificate sign(CertificateRequest request, Usage usage, Duration validity) {
        if (!request.isSignatureValid()) {
            throw new TlsException("The certificate request for " + request.subject().getName()
                    + " is not signed by its own key (corrupted or altered); make a new one with `tlsctl req`.");
        }
        Instant notAfter = Instant.now().plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new TlsException("A certificate valid for " + validity.toDays() + " days would outlive the CA certificate, "
                    + "which expires on " + certificate.getNotAfter().toInstant() + "; sign for fewer days or renew the CA.");
        }
        BigInteger serial = database.nextSerial();
        X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        X509Certificate issued = X509Builder.build(issuer, key, certificate.getPublicKey(), request.x500Subject(),
                request.publicKey(), serial, notAfter,
                usage == Usage.SERVER ? X509Builder.Profile.SERVER : X509Builder.Profile.CLIENT, request.generalNames());
        Certificates.write(dir.resolve("certs").resolve(CaDatabase.hex(serial) + ".pem"), List.of(issued));
        List<CaDatabase.Entry> entries = new ArrayList<>(database.entries());
        entries.add(new CaDatabase.Entry('V', issued.getNotAfter().toInstant(), null, serial,
                CaDatabase.oneLine(request.x500Subject())));
        database.write(entries);
        log.info("CA {} issued {} certificate {} for {}", certificate.getSubjectX500Principal().getName(), usage,
                CaDatabase.hex(serial), issued.getSubjectX500Principal().getName());
        return issued;
    }

    /** Marks an issued certificate revoked in {@code index.txt}; the next {@link #crl} lists it. */
    public void revoke(X509Certificate issued) {
        revoke(issued.getSerialNumber());
    }

    /** Marks the certificate with this serial revoked. */
    public void revoke(BigInteger serial) {
        List<CaDatabase.Entry> entries = new ArrayList<>(database.entries());
        for (int i = 0; i < entries.size(); i++) {
            CaDatabase.Entry entry = entries.get(i);
            if (entry.serial().equals(serial)) {
                if (entry.status() == 'R') {
                    throw new TlsException("Certificate " + CaDatabase.hex(serial) + " (" + entry.subject() + ") is already revoked.");
                }
                entries.set(i, new CaDatabase.Entry('R', entry.notAfter(), Instant.now(), serial, entry.subject()));
                database.write(entries);
                log.info("CA {} revoked certificate {} ({})", certificate.getSubjectX500Principal().getName(),
                        CaDatabase.hex(serial), entry.subject());
                return;
            }
        }
        throw new TlsException("This CA (" + dir + ") has not issued a certificate with serial " + CaDatabase.hex(serial)
                + "; index.txt lists every serial it issued.");
    }

    /** Serials of the revoked certificates, in index order. */
    public List<BigInteger> revokedSerials() {
        return database.entries().stream().filter(e -> e.status() == 'R').map(CaDatabase.Entry::serial).toList();
    }

    /** Writes a new CRL to {@code crl.pem} listing every revoked certificate, valid for {@code nextUpdate}. */
    public X509CRL crl(Duration nextUpdate) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
            for (CaDatabase.Entry entry : database.entries()) {
                if (entry.status() == 'R') {
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revoked()), CRLReason.unspecified);
                }
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(database.nextCrlNumber()));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(X509Builder.signer(key)));
            PkiFiles.writeText(dir.resolve("crl.pem"), PkiFiles.pem(crl), false);
            return crl;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("Cannot build the CRL of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Masks the key. */
    @Override
    public String toString() {
        return "CertificateAuthority[" + dir + ", " + certificate.getSubjectX500Principal().getName() + ", privateKey=****]";
    }
}
