package io.tlsconnector.pki;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsException;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * A readable description of what a PEM/DER/PKCS#12/JKS file holds (F12): certificates (subject,
 * issuer, SANs, validity, key, fingerprints, subject hash) with a chain-order check (F23), CSRs,
 * CRLs and keys (type and size; never key material).
 */
public final class Inspection {
    private Inspection() {
    }

    /**
     * @param passPhrases opens an encrypted key or key store; {@link PassPhraseProvider#NONE} describes an
     *                    encrypted key without opening it
     */
    public static String inspect(Path file, PassPhraseProvider passPhrases) {
        byte[] bytes = PkiFiles.read(file, "file");
        StringBuilder text = new StringBuilder();
        String pem = new String(bytes, StandardCharsets.ISO_8859_1);
        if (pem.contains("-----BEGIN ")) {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                for (Object block; (block = parser.readObject()) != null; ) {
                    if (block instanceof PKCS10CertificationRequest csr) {
                        request(text, CertificateRequest.read(file));
                    } else if (block instanceof X509CRLHolder crl) {
                        crl(text, new JcaX509CRLConverter().getCRL(crl));
                    }
                }
            } catch (IOException | java.security.cert.CRLException e) {
                throw new TlsException("Cannot read " + file + " as PEM: " + e.getMessage(), e);
            }
            if (pem.contains("BEGIN CERTIFICATE-----") || pem.contains("BEGIN TRUSTED CERTIFICATE")) {
                certificates(text, Certificates.read(file), file.toString());
            }
            if (pem.contains("PRIVATE KEY-----")) {
                key(text, file, passPhrases);
            }
        } else {
            Conversion.Contents contents = Conversion.read(file, passPhrases);
            certificates(text, contents.certificates(), file.toString());
            if (contents.privateKey() != null) {
                text.append("Private key: ").append(describeKey(PrivateKeys.publicKey(contents.privateKey()))).append('\n');
            }
        }
        if (text.length() == 0) {
            throw new TlsException(file + " holds no certificate, request, CRL or key that this tool knows.");
        }
        return text.toString();
    }

    private static void certificates(StringBuilder text, List<X509Certificate> chain, String origin) {
        Instant now = Instant.now();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            text.append("Certificate #").append(i + 1).append('\n');
            line(text, "Subject", c.getSubjectX500Principal().getName());
            line(text, "Issuer", c.getIssuerX500Principal().getName()
                    + (c.getIssuerX500Principal().equals(c.getSubjectX500Principal()) ? " (self-signed)" : ""));
            line(text, "Serial", CaDatabase.hex(c.getSerialNumber()));
            CertificateValidity validity = CertificateValidity.of(c, now);
            String state = validity.expired() ? "EXPIRED"
                    : validity.notYetValid() ? "NOT YET VALID"
                    : "expires in " + validity.daysLeft() + " days";
            line(text, "Validity", validity.notBefore() + " to " + validity.notAfter() + " (" + state + ")");
            line(text, "Key", describeKey(c.getPublicKey()) + ", public key " + KeyMatch.publicKeyFingerprint(c.getPublicKey()));
            line(text, "Signature", c.getSigAlgName());
            line(text, "CA", c.getBasicConstraints() >= 0 ? "yes" : "no");
            line(text, "SANs", String.join(", ", subjectAltNames(c)));
            line(text, "SHA-256", Certificates.fingerprint(c));
            line(text, "Subject hash", SubjectHash.of(c) + " (old " + SubjectHash.old(c) + ")");
        }
        if (chain.size() > 1) {
            List<TlsConfigException.Problem> problems = KeyMaterialLoader.chainOrderProblems(chain, origin);
            text.append("Chain order: ").append(problems.isEmpty() ? "OK, each certificate is followed by its issuer"
                    : problems.get(0).problem() + " Fix: " + problems.get(0).fix()).append('\n');
        }
    }

    private static void request(StringBuilder text, CertificateRequest request) {
        text.append("Certificate request\n");
        line(text, "Subject", request.subject().getName());
        line(text, "Key", describeKey(request.publicKey()) + ", public key " + KeyMatch.publicKeyFingerprint(request.publicKey()));
        line(text, "SANs", String.join(", ", request.subjectAltNames()));
        line(text, "Signature", request.isSignatureValid() ? "valid" : "INVALID (the request was altered or is corrupt)");
    }

    private static void crl(StringBuilder text, X509CRL crl) {
        text.append("CRL\n");
        line(text, "Issuer", crl.getIssuerX500Principal().getName());
        line(text, "Updated", crl.getThisUpdate().toInstant() + ", next " + (crl.getNextUpdate() == null ? "-" : crl.getNextUpdate().toInstant()));
        List<String> serials = new ArrayList<>();
        for (X509CRLEntry entry : crl.getRevokedCertificates() == null ? List.<X509CRLEntry>of() : crl.getRevokedCertificates()) {
            serials.add(CaDatabase.hex(entry.getSerialNumber()));
        }
        line(text, "Revoked", serials.isEmpty() ? "none" : String.join(", ", serials));
        line(text, "Issuer hash", SubjectHash.of(crl));
    }

    private static void key(StringBuilder text, Path file, PassPhraseProvider passPhrases) {
        boolean encrypted = PrivateKeys.isEncrypted(file);
        if (encrypted && passPhrases == PassPhraseProvider.NONE) {
            text.append("Private key: encrypted (give a pass-phrase to see its type)\n");
            return;
        }
        PublicKey publicKey = PrivateKeys.publicKey(PrivateKeys.read(file, passPhrases));
        text.append("Private key: ").append(describeKey(publicKey)).append(encrypted ? ", encrypted" : ", NOT encrypted")
                .append(", public key ").append(KeyMatch.publicKeyFingerprint(publicKey)).append('\n');
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("  %-14s%s%n", label + ":", value.isEmpty() ? "-" : value));
    }

    /** {@code RSA 2048 bits}, {@code EC P-256 (secp256r1)}, {@code Ed25519}. */
    public static String describeKey(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if ("EC".equals(key.getAlgorithm())) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
                String name = ECNamedCurveTable.getName(curve);
                String nist = org.bouncycastle.asn1.nist.NISTNamedCurves.getName(curve);
                return "EC " + (nist == null ? name : nist + " (" + name + ")");
            }
            return "EC (explicit curve parameters)";
        }
        return key.getAlgorithm();
    }

    static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    String prefix = switch (type) {
                        case GeneralName.dNSName -> "DNS:";
                        case GeneralName.iPAddress -> "IP:";
                        case GeneralName.rfc822Name -> "email:";
                        case GeneralName.uniformResourceIdentifier -> "URI:";
                        default -> "other:";
                    };
                    names.add(prefix + entry.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }

    /** {@code DNS:name}, {@code IP:address}, ... as OpenSSL prints a GeneralName. */
    static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + ((ASN1String) name.getName()).getString();
            case GeneralName.rfc822Name -> "email:" + ((ASN1String) name.getName()).getString();
            case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) name.getName()).getString();
            case GeneralName.iPAddress -> {
                try {
                    yield "IP:" + InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets()).getHostAddress();
                } catch (UnknownHostException e) {
                    yield "IP:(invalid)";
                }
            }
            default -> "other:" + name.getName();
        };
    }
}
