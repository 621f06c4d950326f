package io.tlsconnector.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.VirtualHost;

/**
 * The files and directories a virtual host is loaded from, the directories to watch for them, and a digest
 * of their content (a directory's: its entries' names and contents).
 */
final class WatchedFiles {
    private WatchedFiles() {
    }

    /**
     * Every certificate, chain, key and key store file of {@code host}, and its client CA and CRL files and
     * directories (caCertificateFile/Path, caDnRequestFile/Path, caRevocationFile/Path), absolute.
     */
    static List<Path> of(VirtualHost host) {
        Set<Path> files = new LinkedHashSet<>();
        for (CertificateSource source : host.certificates()) {
            if (source instanceof CertificateSource.PemFiles pem) {
                files.add(pem.certificate().toAbsolutePath().normalize());
                files.add(pem.privateKey().toAbsolutePath().normalize());
                if (pem.chain() != null) {
                    files.add(pem.chain().toAbsolutePath().normalize());
                }
            } else if (source instanceof CertificateSource.KeyStoreFile store) {
                files.add(store.file().toAbsolutePath().normalize());
            }
        }
        ClientAuth auth = host.clientAuth();
        for (Path path : Arrays.asList(host.caCertificateFile(), auth.caCertificatePath(), auth.caDnRequestFile(),
                auth.caDnRequestPath(), auth.caRevocationFile(), auth.caRevocationPath())) {
            if (path != null) {
                files.add(path.toAbsolutePath().normalize());
            }
        }
        return List.copyOf(files);
    }

    /**
     * The directories whose entries name or hold {@code file}: its parent, and the parent of what it
     * links to (Kubernetes mounts a secret as {@code tls.crt -> ..data/tls.crt} and swaps {@code ..data}).
     */
    static Set<Path> directoriesOf(Path file) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (Files.isDirectory(file)) {
            dirs.add(file);
        }
        if (file.getParent() != null) {
            dirs.add(file.getParent());
        }
        try {
            Path real = file.toRealPath();
            if (real.getParent() != null) {
                dirs.add(real.getParent());
            }
        } catch (IOException e) {
            // missing for now: its directory is watched, so its arrival is seen
        }
        return dirs;
    }

    /** SHA-256 over the content of every file (following links), so a reload happens only when something changed. */
    static String digest(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                sha.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    if (Files.isDirectory(file)) {
                        try (Stream<Path> entries = Files.list(file)) {
                            for (Path entry : entries.sorted().toList()) {
                                sha.update(entry.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                                sha.update(Files.isRegularFile(entry) ? Files.readAllBytes(entry) : new byte[0]);
                            }
                        }
                    } else {
                        sha.update(Files.readAllBytes(file));
                    }
                } catch (IOException e) {
                    sha.update(("unreadable: " + e.getClass().getSimpleName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
