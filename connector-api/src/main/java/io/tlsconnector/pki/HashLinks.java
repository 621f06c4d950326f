package io.tlsconnector.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import io.tlsconnector.TlsException;

/**
 * {@code openssl rehash DIR}: a {@code HASH.N} symbolic link for each certificate and
 * {@code HASH.rN} for each CRL in a CA directory, so OpenSSL-style lookups ({@code SSLCACertificatePath},
 * {@code SSLCARevocationPath}) find them (F21).
 *
 * <p>Follows OpenSSL 3's {@code apps/rehash.c}: files are taken in directory order; only files
 * named {@code *.pem}, {@code *.crt}, {@code *.cer} or {@code *.crl} holding exactly one PEM
 * certificate or CRL are linked; a certificate whose SHA-1 fingerprint was already linked is
 * skipped as a duplicate; existing hash links keep their number while the bucket still needs that
 * many links, surplus ones are removed; names that share a hash get {@code .0}, {@code .1}, ...
 */
public final class HashLinks {
    private static final List<String> EXTENSIONS = List.of("pem", "crt", "cer", "crl");
    private static final Pattern LINK_NAME = Pattern.compile("([0-9a-fA-F]{8})\\.([rR]?)([0-9]*)");
    private static final int NO_ID = 0xffff;

    /** One link: {@code name} (e.g. {@code 9d66eef0.0}) points to {@code target}, a file name in the same directory. */
    public record Link(String name, String target) {
    }

    /**
     * @param links    every hash link the directory now has
     * @param warnings files skipped, in {@code openssl rehash}'s words
     */
    public record Result(List<Link> links, List<String> warnings) {
    }

    private static final class Entry {
        final String filename;
        int oldId = NO_ID;
        boolean needSymlink;
        byte[] digest;

        Entry(String filename) {
            this.filename = filename;
        }
    }

    private static final class Bucket {
        final boolean crl;
        final long hash;
        final List<Entry> entries = new ArrayList<>();
        int numNeeded;

        Bucket(boolean crl, long hash) {
            this.crl = crl;
            this.hash = hash;
        }

        String linkName(int id) {
            return String.format("%08x.%s%d", hash, crl ? "r" : "", id);
        }
    }

    private final Path dir;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private HashLinks(Path dir) {
        this.dir = dir;
    }

    /** Makes (and cleans up) the hash links of one directory. */
    public static Result rehash(Path dir) {
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new TlsException("Cannot rehash " + dir + ": it is not a writable directory; name the CA certificate directory "
                    + "(SSLCACertificatePath) and run as a user who may write to it.");
        }
        return new HashLinks(dir).run();
    }

    private Result run() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new TlsException("Cannot list " + dir + ": " + e + ".", e);
        }
        for (String name : names) {
            Path path = dir.resolve(name);
            if (Files.isSymbolicLink(path) && existingLink(name, path)) {
                continue;
            }
            addFile(name, path);
        }
        List<Link> links = new ArrayList<>();
        try {
            for (Bucket bucket : buckets.values()) {
                writeLinks(bucket, links);
            }
        } catch (IOException e) {
            throw new TlsException("Cannot write the hash links in " + dir + ": " + e + "; check the directory's permissions.", e);
        }
        return new Result(List.copyOf(links), List.copyOf(warnings));
    }

    private boolean existingLink(String name, Path path) {
        Matcher m = LINK_NAME.matcher(name);
        if (!m.matches()) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(path).toString();
            int id = m.group(3).isEmpty() ? 0 : (int) Math.min(Long.parseLong(m.group(3)), NO_ID);
            add(!m.group(2).isEmpty(), Long.parseLong(m.group(1), 16), target, null, id);
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private void addFile(String name, Path path) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return;
        }
        List<Object> objects = new ArrayList<>();
        int keys = 0;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(path, StandardCharsets.ISO_8859_1)))) {
            for (Object block; (block = parser.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder || block instanceof X509CRLHolder) {
                    objects.add(block);
                } else {
                    keys++;
                }
            }
        } catch (IOException | RuntimeException e) {
            warnings.add("skipping " + name + ", it cannot be read as PEM: " + e.getMessage());
            return;
        }
        if (objects.size() != 1) {
            if (objects.size() + keys > 0) {
                warnings.add("skipping " + name + ", it does not contain exactly one certificate or CRL");
            }
            return;
        }
        try {
            if (objects.get(0) instanceof X509CertificateHolder certificate) {
                X500Principal subject = new X500Principal(certificate.getSubject().getEncoded());
                add(false, Long.parseLong(SubjectHash.of(subject), 16), name, sha1(certificate.getEncoded()), NO_ID);
            } else {
                X509CRLHolder crl = (X509CRLHolder) objects.get(0);
                X500Principal issuer = new X500Principal(crl.getIssuer().getEncoded());
                add(true, Long.parseLong(SubjectHash.of(issuer), 16), name, sha1(crl.getEncoded()), NO_ID);
            }
        } catch (IOException e) {
            warnings.add("skipping " + name + ": " + e.getMessage());
        }
    }

    private void add(boolean crl, long hash, String filename, byte[] digest, int oldId) {
        Bucket bucket = buckets.computeIfAbsent((crl ? "r" : "") + hash, k -> new Bucket(crl, hash));
        Entry found = null;
        for (Entry entry : bucket.entries) {
            if (digest != null && entry.digest != null && Arrays.equals(digest, entry.digest)) {
                warnings.add("skipping duplicate " + (crl ? "CRL" : "certificate") + " in " + filename);
                return;
            }
            if (entry.filename.equals(filename)) {
                found = entry;
                if (digest == null) {
                    break;
                }
            }
        }
        if (found == null) {
            found = new Entry(filename);
            bucket.entries.add(found);
        }
        found.oldId = Math.min(found.oldId, oldId);
        if (digest != null && !found.needSymlink) {
            found.needSymlink = true;
            found.digest = digest;
            bucket.numNeeded++;
        }
    }

    private void writeLinks(Bucket bucket, List<Link> links) throws IOException {
        BitSet used = new BitSet();
        for (Entry entry : bucket.entries) {
            if (entry.oldId < bucket.numNeeded) {
                used.set(entry.oldId);
            }
        }
        int nextId = 0;
        for (Entry entry : bucket.entries) {
            if (entry.oldId < bucket.numNeeded) {
                links.add(new Link(bucket.linkName(entry.oldId), entry.filename)); // exists and is right
            } else if (entry.needSymlink) {
                while (used.get(nextId)) {
                    nextId++;
                }
                Path link = dir.resolve(bucket.linkName(nextId));
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(entry.filename));
                links.add(new Link(bucket.linkName(nextId), entry.filename));
                used.set(nextId);
            } else {
                Files.deleteIfExists(dir.resolve(bucket.linkName(entry.oldId))); // stale link
            }
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new TlsException("This JVM has no SHA-1; rehash needs it to find duplicates.", e);
        }
    }
}
