package io.tlsconnector.config;

import java.nio.file.Path;

/**
 * How a virtual host checks client certificates beyond {@code verifyClient} and {@code caCertificateFile}
 * (mod_ssl SSLVerifyDepth, SSLCACertificatePath, SSLCADNRequestFile/Path, SSLCARevocationFile/Path and
 * SSLCARevocationCheck). Immutable; start from {@link #DEFAULT} and change one setting at a time.
 *
 * @param verifyDepth         the most issuers above the client's certificate (SSLVerifyDepth, default 1:
 *                            issued directly by a trusted CA, or self-signed and trusted; 0: only
 *                            trusted self-signed certificates); a longer chain fails with
 *                            {@code certificate chain too long}
 * @param caCertificatePath   a directory whose every certificate is trusted, with or without OpenSSL
 *                            {@code <hash>.N} links (F21); {@code null} for none
 * @param caDnRequestFile     PEM certificates whose subjects are the CA names sent in the CertificateRequest
 *                            instead of the trusted CAs' names; {@code null} for none
 * @param caDnRequestPath     a directory of such certificates; {@code null} for none
 * @param caRevocationFile    PEM CRLs; {@code null} for none
 * @param caRevocationPath    a directory of PEM CRLs, with or without {@code <hash>.rN} links; {@code null} for none
 * @param revocationCheck     which certificates the CRLs are checked for
 * @param ocsp                OCSP checks of client certificates, after the CRL checks
 */
public record ClientAuth(int verifyDepth, Path caCertificatePath, Path caDnRequestFile, Path caDnRequestPath,
                         Path caRevocationFile, Path caRevocationPath, RevocationCheck revocationCheck, ClientOcsp ocsp) {
    /** mod_ssl's defaults: depth 1, no CA directory, names from the trusted CAs, no revocation check. */
    public static final ClientAuth DEFAULT = new ClientAuth(1, null, null, null, null, null, RevocationCheck.NONE,
            ClientOcsp.OFF);

    public ClientAuth {
        if (revocationCheck == null) {
            revocationCheck = RevocationCheck.NONE;
        }
        if (ocsp == null) {
            ocsp = ClientOcsp.OFF;
        }
    }

    public ClientAuth withVerifyDepth(int depth) {
        return new ClientAuth(depth, caCertificatePath, caDnRequestFile, caDnRequestPath, caRevocationFile, caRevocationPath,
                revocationCheck, ocsp);
    }

    public ClientAuth withCaCertificatePath(Path dir) {
        return new ClientAuth(verifyDepth, dir, caDnRequestFile, caDnRequestPath, caRevocationFile, caRevocationPath,
                revocationCheck, ocsp);
    }

    public ClientAuth withCaDnRequestFile(Path file) {
        return new ClientAuth(verifyDepth, caCertificatePath, file, caDnRequestPath, caRevocationFile, caRevocationPath,
                revocationCheck, ocsp);
    }

    public ClientAuth withCaDnRequestPath(Path dir) {
        return new ClientAuth(verifyDepth, caCertificatePath, caDnRequestFile, dir, caRevocationFile, caRevocationPath,
                revocationCheck, ocsp);
    }

    public ClientAuth withCaRevocationFile(Path file) {
        return new ClientAuth(verifyDepth, caCertificatePath, caDnRequestFile, caDnRequestPath, file, caRevocationPath,
                revocationCheck, ocsp);
    }

    public ClientAuth withCaRevocationPath(Path dir) {
        return new ClientAuth(verifyDepth, caCertificatePath, caDnRequestFile, caDnRequestPath, caRevocationFile, dir,
                revocationCheck, ocsp);
    }

    /** mod_ssl SSLCARevocationCheck, e.g. {@code RevocationCheck.parse("chain no_crl_for_cert_ok")}. */
    public ClientAuth withRevocationCheck(RevocationCheck check) {
        return new ClientAuth(verifyDepth, caCertificatePath, caDnRequestFile, caDnRequestPath, caRevocationFile,
                caRevocationPath, check, ocsp);
    }

    /** OCSP checks of client certificates (mod_ssl SSLOCSPEnable and its companions). */
    public ClientAuth withOcsp(ClientOcsp checks) {
        return new ClientAuth(verifyDepth, caCertificatePath, caDnRequestFile, caDnRequestPath, caRevocationFile,
                caRevocationPath, revocationCheck, checks);
    }

    /** Whether CA names for the CertificateRequest are configured apart from the trusted CAs. */
    public boolean hasCaDnRequest() {
        return caDnRequestFile != null || caDnRequestPath != null;
    }

    /** Whether CRLs are configured. */
    public boolean hasRevocationLists() {
        return caRevocationFile != null || caRevocationPath != null;
    }

    void collectProblems(String host, io.tlsconnector.TlsConfigException.Collector problems) {
        if (verifyDepth < 0) {
            problems.add(host, "verifyDepth", "is " + verifyDepth + ", but a depth counts issuers and cannot be negative.",
                    "use 0 (trusted self-signed certificates only), 1 (mod_ssl's default) or more.");
        }
        if (revocationCheck.mode() != RevocationCheck.Mode.NONE && !hasRevocationLists()) {
            problems.add(host, "caRevocationCheck " + revocationCheck,
                    "asks for CRL checks, but neither caRevocationFile nor caRevocationPath is configured.",
                    "add caRevocationFile(Path.of(\"crl.pem\")) or caRevocationPath(dir), or use RevocationCheck.NONE.");
        }
    }
}
