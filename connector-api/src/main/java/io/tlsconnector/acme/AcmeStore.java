package io.tlsconnector.acme;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.Certificates;
import io.tlsconnector.config.KeySpec;
import io.tlsconnector.pki.PrivateKeys;

/**
 * The store directory (mod_md {@code MDStoreDir}), owner-only (0700), keys 0600:
 * <pre>
 * accounts/&lt;ca host_port&gt;/account.key     the ACME account key, one per CA
 * domains/&lt;name&gt;/privkey.pem              the certificate's key
 * domains/&lt;name&gt;/pubcert.pem              the certificate, then its chain
 * domains/&lt;name&gt;/status.properties        renewal times, orders placed, the last error
 * </pre>
 */
final class AcmeStore {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Pattern KEY_PEM = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /** Store keys are written unencrypted (0600), as mod_md does; nothing is ever asked. */
    private static final PassPhraseProvider NO_PASS_PHRASE = PassPhraseProvider.NONE;

    private final Path root;

    AcmeStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** A stored certificate with the key that matches it. */
    record Stored(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    Path domainDir(String domain) {
        return root.resolve("domains").resolve(safe(domain));
    }

    Path keyFile(String domain) {
        return domainDir(domain).resolve("privkey.pem");
    }

    Path certificateFile(String domain) {
        return domainDir(domain).resolve("pubcert.pem");
    }

    /** The stored certificate and its key, when both are there and belong together. */
    Optional<Stored> load(String domain) {
        Path key = keyFile(domain);
        Path cert = certificateFile(domain);
        if (!Files.isRegularFile(key) || !Files.isRegularFile(cert)) {
            return Optional.empty();
        }
        PrivateKey privateKey = PrivateKeys.read(key, NO_PASS_PHRASE);
        List<X509Certificate> chain = Certificates.read(cert);
        if (chain.isEmpty() || !Arrays.equals(PrivateKeys.publicKey(privateKey).getEncoded(), chain.get(0).getPublicKey().getEncoded())) {
            return Optional.empty();
        }
        return Optional.of(new Stored(privateKey, chain));
    }

    /** Stores a new certificate: the key first, then the certificate, each replaced atomically. */
    void save(String domain, PrivateKey key, List<X509Certificate> chain) {
        save(domain, PrivateKeys.pem(key, null), Certificates.pem(chain));
    }

    void save(String domain, String keyPem, String chainPem) {
        directories(domainDir(domain));
        write(keyFile(domain), keyPem.getBytes(StandardCharsets.US_ASCII), true);
        write(certificateFile(domain), chainPem.getBytes(StandardCharsets.US_ASCII), false);
    }

    /** The account key for this CA, made (ECDSA P-256) on first use and kept. */
    KeyPair accountKey(URI directory) {
        Path dir = root.resolve("accounts").resolve(safe(directory.getHost() + "_" + (directory.getPort() < 0 ? 443 : directory.getPort())));
        Path file = dir.resolve("account.key");
        if (Files.isRegularFile(file)) {
            return PrivateKeys.keyPair(PrivateKeys.read(file, NO_PASS_PHRASE));
        }
        directories(dir);
        KeyPair generated = PrivateKeys.generate(KeySpec.ecP256());
        write(file, PrivateKeys.pem(generated.getPrivate(), null).getBytes(StandardCharsets.US_ASCII), true);
        return generated;
    }

    Properties status(String domain) {
        Properties p = new Properties();
        Path file = domainDir(domain).resolve("status.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ACME status " + file, e);
            }
        }
        return p;
    }

    void status(String domain, Properties status) {
        directories(domainDir(domain));
        Path file = domainDir(domain).resolve("status.properties");
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            status.store(out, "ACME status of " + domain + " (written by the TLS connector)");
            write(file, out.toByteArray(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ACME status " + file, e);
        }
    }

    /** Every domain with something stored. */
    List<String> domains() {
        Path dir = root.resolve("domains");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ACME store " + dir, e);
        }
    }

    private void directories(Path dir) {
        try {
            Path current = root;
            createOwnerOnly(root);
            for (Path part : root.relativize(dir)) {
                current = current.resolve(part);
                createOwnerOnly(current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ACME store directory " + dir
                    + "; make its parent writable by this user or set another storeDir (MDStoreDir)", e);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException raced) {
                // another thread made it
            }
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
    }

    private static void write(Path file, byte[] content, boolean secret) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(secret ? OWNER_FILE : PosixFilePermissions.fromString("rw-r--r--")));
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(content);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in the ACME store", e);
        }
    }

    /** A name as a directory name: lower case, a wildcard's '*' spelled out. */
    static String safe(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("*", "_wildcard_");
        if (!lower.matches("[a-z0-9._:_-]+") || lower.startsWith(".")) {
            throw new IllegalArgumentException("'" + name + "' cannot name an ACME store directory");
        }
        return lower.replace(':', '_');
    }

    /** A PKCS#8 PEM key from memory (what the fleet store carries). */
    static PrivateKey parseKey(String pem) {
        Matcher m = KEY_PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no PKCS#8 private key in the shared ACME entry");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1).trim());
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new IllegalArgumentException("the shared ACME entry's private key is neither EC, RSA nor Ed25519");
    }

    static List<X509Certificate> parseChain(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the shared ACME entry's certificates do not parse: " + e.getMessage(), e);
        }
    }
}
