package io.tlsconnector.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.tlsconnector.TlsException;

/**
 * A certificate signing request (PKCS#10), the file a CA turns into a certificate (F15). Carries
 * the subject, the public key and the subjectAltName entries (as an extension request, which
 * {@code openssl req -text} shows and {@link CertificateAuthority#sign} copies).
 */
public final class CertificateRequest {
    private final PKCS10CertificationRequest request;

    private CertificateRequest(PKCS10CertificationRequest request) {
        this.request = request;
    }

    /** Makes a CSR for the key pair, signed with its private key. */
    public static CertificateRequest create(KeyPair keys, CertificateSubject subject) {
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject.x500Name(), keys.getPublic());
            GeneralNames altNames = subject.generalNames();
            if (altNames != null) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, altNames);
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return new CertificateRequest(builder.build(X509Builder.signer(keys.getPrivate())));
        } catch (IOException e) {
            throw new TlsException("Cannot build the certificate request for " + subject.x500Name() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSR in PEM ({@code BEGIN CERTIFICATE REQUEST}) or DER form. */
    public static CertificateRequest read(Path file) {
        byte[] bytes = PkiFiles.read(file, "certificate request");
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            if (text.contains("-----BEGIN ")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    for (Object block; (block = parser.readObject()) != null; ) {
                        if (block instanceof PKCS10CertificationRequest csr) {
                            return new CertificateRequest(csr);
                        }
                    }
                }
            } else {
                return new CertificateRequest(new PKCS10CertificationRequest(bytes));
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsException("Cannot read the certificate request " + file + ": " + e.getMessage()
                    + "; `openssl req -noout -text -in " + file + "` shows what the file holds.", e);
        }
        throw new TlsException("Cannot read the certificate request " + file + ": it holds no BEGIN CERTIFICATE REQUEST block; "
                + "point to the .csr file made by `tlsctl req` or `openssl req -new`.");
    }

    /** Writes the CSR as PEM, replacing the file atomically. */
    public void write(Path file) {
        PkiFiles.writeText(file, pem(), false);
    }

    public String pem() {
        return PkiFiles.pem(request);
    }

    public byte[] encoded() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new TlsException("Cannot encode the certificate request: " + e.getMessage(), e);
        }
    }

    public X500Principal subject() {
        try {
            return new X500Principal(request.getSubject().getEncoded());
        } catch (IOException e) {
            throw new TlsException("Cannot encode the request's subject: " + e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        try {
            return new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
        } catch (IOException e) {
            throw new TlsException("The request's public key is not usable: " + e.getMessage(), e);
        }
    }

    /** True when the request is signed by the private key of its public key (proof of possession). */
    public boolean isSignatureValid() {
        try {
            return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey()));
        } catch (Exception e) {
            return false;
        }
    }

    /** The requested subjectAltName entries in {@code DNS:name} / {@code IP:address} form. */
    public List<String> subjectAltNames() {
        List<String> names = new ArrayList<>();
        GeneralNames altNames = generalNames();
        if (altNames != null) {
            for (GeneralName name : altNames.getNames()) {
                names.add(Inspection.describe(name));
            }
        }
        return names;
    }

    GeneralNames generalNames() {
        Extensions extensions = request.getRequestedExtensions();
        return extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    }

    org.bouncycastle.asn1.x500.X500Name x500Subject() {
        return request.getSubject();
    }

    @Override
    public String toString() {
        return "CertificateRequest[" + subject().getName() + "]";
    }
}
