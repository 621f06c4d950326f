package io.tlsconnector.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads a certificate file, PEM (every certificate, in file order) or DER, with start-up's messages. */
final class CertificateReader {
    private CertificateReader() {
    }

    /**
     * @param role what the file is for, in messages ({@code certificate}, {@code chain}, ...)
     * @return the certificates, or {@code null} after adding the problem to {@code context}
     */
    static List<X509Certificate> read(LoadContext context, Path file, String role) {
        byte[] bytes = context.readFile(file, role);
        if (bytes == null) {
            return null;
        }
        List<X509Certificate> certificates;
        if (Pem.looksLikePem(bytes)) {
            try {
                certificates = Pem.certificates(bytes);
            } catch (IOException | CertificateException | RuntimeException e) {
                context.problem(file.toString(), "is not a readable PEM " + role + " file: " + e.getMessage() + ".",
                        "check the file with `openssl x509 -noout -text -in " + file + "`; each certificate must sit "
                                + "between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.");
                return null;
            }
        } else {
            certificates = Der.certificates(bytes);
        }
        if (certificates.isEmpty()) {
            context.problem(file.toString(), "holds no certificate (neither a PEM CERTIFICATE block nor DER X.509).",
                    "point the " + role + " setting at the certificate file; "
                            + "`openssl x509 -noout -subject -in " + file + "` must show its subject.");
            return null;
        }
        return certificates;
    }
}
