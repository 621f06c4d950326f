package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.SubjectHash;

/**
 * The trust a virtual host places in client certificates (mod_ssl SSLVerifyClient, SSLCACertificateFile
 * and Path, SSLCADNRequestFile and Path, SSLCARevocationFile and Path): the material read at start-up
 * (and again on every reload) and the trust manager the host's SSLContext checks client certificates with.
 */
final class ClientTrust {
    private static final Logger log = LoggerFactory.getLogger(ClientTrust.class);

    /**
     * @param cas          the trusted CA certificates (file first, then directory), without duplicates
     * @param requestNames the certificates whose subjects are sent as acceptable CA names
     * @param crls         the CRLs read
     */
    record Material(List<X509Certificate> cas, List<X509Certificate> requestNames, List<X509CRL> crls) {
        static final Material NONE = new Material(List.of(), List.of(), List.of());
    }

    private ClientTrust() {
    }

    /** Reads the host's CA, CA-name and CRL files; {@link Material#NONE} when the host does not ask for client certificates. */
    static Material load(VirtualHost host) {
        if (host.verifyClient() == VerifyClient.NONE) {
            return Material.NONE;
        }
        ClientAuth auth = host.clientAuth();
        Set<X509Certificate> cas = new LinkedHashSet<>();
        if (host.caCertificateFile() != null) {
            List<X509Certificate> read = certificates(host, "caCertificateFile", host.caCertificateFile());
            if (read.isEmpty()) {
                throw problem(host, "caCertificateFile " + host.caCertificateFile(), "holds no certificate, so no client"
                        + " certificate could ever verify.", "put the PEM certificates of the CAs that issue client certificates into it.", null);
            }
            cas.addAll(read);
        }
        if (auth.caCertificatePath() != null) {
            List<X509Certificate> read = directory(host, "caCertificatePath", auth.caCertificatePath());
            if (read.isEmpty()) {
                throw problem(host, "caCertificatePath " + auth.caCertificatePath(), "holds no certificate, so no client"
                        + " certificate could ever verify.", "copy the PEM certificates of the CAs that issue client certificates"
                        + " into the directory (hash links from 'openssl rehash' are optional).", null);
            }
            cas.addAll(read);
        }
        Set<X509Certificate> names = new LinkedHashSet<>();
        if (auth.caDnRequestFile() != null) {
            names.addAll(certificates(host, "caDnRequestFile", auth.caDnRequestFile()));
        }
        if (auth.caDnRequestPath() != null) {
            names.addAll(directory(host, "caDnRequestPath", auth.caDnRequestPath()));
        }
        List<X509CRL> crls = new ArrayList<>();
        if (auth.caRevocationFile() != null) {
            crls.addAll(crls(host, "caRevocationFile", auth.caRevocationFile(), false));
        }
        if (auth.caRevocationPath() != null) {
            crls.addAll(directoryCrls(host, auth.caRevocationPath()));
        }
        List<X509Certificate> trusted = List.copyOf(cas);
        log.info("Virtual host '{}': verifyClient {}, depth {}, {} trusted CA certificate(s), {} CRL(s), revocation check {}",
                host.serverName(), host.verifyClient(), auth.verifyDepth(), trusted.size(), crls.size(), auth.revocationCheck());
        return new Material(trusted, auth.hasCaDnRequest() ? List.copyOf(names) : trusted, List.copyOf(crls));
    }

    /** The trust managers for the host's SSLContext, or {@code null} (the provider's default) without client auth. */
    static TrustManager[] trustManagers(VirtualHost host, ClientCertificateVerifier verifier) {
        if (host.verifyClient() == VerifyClient.NONE) {
            return null;
        }
        return new TrustManager[] {verifier.trustManager()};
    }

    private static List<X509Certificate> certificates(VirtualHost host, String setting, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> read = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                read.add((X509Certificate) c);
            }
            return read;
        } catch (IOException e) {
            throw problem(host, setting + " " + file, "cannot be read: " + e, "check that the file exists and the server may read it.", e);
        } catch (CertificateException e) {
            throw problem(host, setting + " " + file, "is not a PEM or DER certificate file: " + e.getMessage(),
                    "put the CA certificates (-----BEGIN CERTIFICATE-----) into the file, one after the other.", e);
        }
    }

    /**
     * Every certificate in the files of {@code dir} (F21): hash links ({@code <hash>.N}, as {@code openssl rehash}
     * makes them) and the files they point to give the same certificates once; files that hold no
     * certificate (CRLs, notes) are skipped.
     */
    private static List<X509Certificate> directory(VirtualHost host, String setting, Path dir) {
        List<X509Certificate> read = new ArrayList<>();
        for (Path file : files(host, setting, dir)) {
            try (InputStream in = Files.newInputStream(file)) {
                Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in);
                for (Certificate c : found) {
                    X509Certificate x509 = (X509Certificate) c;
                    if (!read.contains(x509)) {
                        read.add(x509);
                        log.debug("{} {}: {} (subject hash {})", setting, file.getFileName(),
                                x509.getSubjectX500Principal().getName(), SubjectHash.of(x509));
                    }
                }
            } catch (IOException | CertificateException e) {
                log.debug("{} {}: skipped, no certificate in it ({})", setting, file, e.getMessage());
            }
        }
        return read;
    }

    private static List<X509CRL> directoryCrls(VirtualHost host, Path dir) {
        List<X509CRL> read = new ArrayList<>();
        for (Path file : files(host, "caRevocationPath", dir)) {
            for (X509CRL crl : crls(host, "caRevocationPath", file, true)) {
                if (!read.contains(crl)) {
                    read.add(crl);
                }
            }
        }
        return read;
    }

    private static List<X509CRL> crls(VirtualHost host, String setting, Path file, boolean lenient) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> read = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                read.add((X509CRL) crl);
            }
            if (read.isEmpty() && !lenient) {
                throw problem(host, setting + " " + file, "holds no CRL.",
                        "put the PEM CRLs (-----BEGIN X509 CRL-----) of the client CAs into it, e.g. from 'tlsctl ca crl'.", null);
            }
            return read;
        } catch (IOException e) {
            throw problem(host, setting + " " + file, "cannot be read: " + e, "check that the file exists and the server may read it.", e);
        } catch (java.security.cert.CRLException | CertificateException e) {
            if (lenient) {
                log.debug("{} {}: skipped, no CRL in it ({})", setting, file, e.getMessage());
                return List.of();
            }
            throw problem(host, setting + " " + file, "is not a PEM or DER CRL file: " + e.getMessage(),
                    "put the PEM CRLs (-----BEGIN X509 CRL-----) of the client CAs into it.", e);
        }
    }

    /** The regular files of {@code dir} (links followed), in name order. */
    private static Set<Path> files(VirtualHost host, String setting, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw problem(host, setting + " " + dir, "is not a directory.", "name the directory holding the PEM files.", null);
        }
        Set<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw problem(host, setting + " " + dir, "cannot be listed: " + e, "check that the server may read the directory.", e);
        }
        return files;
    }

    private static TlsConfigException problem(VirtualHost host, String setting, String what, String fix, Exception cause) {
        return new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), setting, what, fix)), cause);
    }
}
