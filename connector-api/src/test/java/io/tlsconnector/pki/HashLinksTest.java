package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.tlsconnector.config.KeySpec;

/**
 * {@code tlsctl rehash} makes the links {@code openssl rehash} makes (F21, acceptance 3): one
 * directory with hash collisions (same subject, and subjects OpenSSL canonicalises alike), a
 * duplicate, a CRL, a multi-certificate file, a DER file, a key and a text file, copied twice; one
 * copy rehashed by openssl, the other by us.
 */
class HashLinksTest {
    @TempDir
    Path tmp;
    Path source;

    static X509Certificate selfSigned(X500Name subject) {
        KeyPair keys = PrivateKeys.generate(KeySpec.ecP256());
        return X509Builder.build(subject, keys.getPrivate(), keys.getPublic(), subject, keys.getPublic(), X509Builder.randomSerial(),
                Instant.now().plus(Duration.ofDays(1)), X509Builder.Profile.CA, null);
    }

    static X500Name cn(org.bouncycastle.asn1.ASN1Encodable value) {
        return new X500Name(new RDN[] {new RDN(BCStyle.CN, value)});
    }

    void write(String name, X509Certificate... certificates) {
        Certificates.write(source.resolve(name), List.of(certificates));
    }

    @BeforeEach
    void directory() throws Exception {
        source = Files.createDirectories(tmp.resolve("source"));
        X509Certificate a = selfSigned(cn(new DERUTF8String("Shared Name")));
        write("a.pem", a);
        write("b.crt", selfSigned(cn(new DERUTF8String("Shared Name"))));            // same subject: .1
        write("c.cer", selfSigned(cn(new DERPrintableString("  SHARED   name "))));   // canonically equal: .2
        write("dup.pem", a);                                                          // duplicate of a.pem
        write("other.PEM", selfSigned(cn(new DERUTF8String("Other"))));               // upper-case extension counts
        write("chain.pem", selfSigned(cn(new DERUTF8String("One"))), selfSigned(cn(new DERUTF8String("Two"))));
        Files.write(source.resolve("binary.crt"), selfSigned(cn(new DERUTF8String("Binary"))).getEncoded());
        Files.writeString(source.resolve("notes.txt"), "not a certificate\n");
        PrivateKeys.write(source.resolve("key.pem"), PrivateKeys.generate(KeySpec.ecP256()).getPrivate(), null);
        CertificateAuthority ca = CertificateAuthority.init(tmp.resolve("ca"), CertificateSubject.of("Hash Test CA"), KeySpec.ecP256(),
                "pass".toCharArray(), Duration.ofDays(30));
        ca.crl(Duration.ofDays(1));
        Files.copy(tmp.resolve("ca").resolve("ca.crt"), source.resolve("ca.pem"));
        Files.copy(tmp.resolve("ca").resolve("crl.pem"), source.resolve("ca.crl"));
    }

    Path copy(String name) throws IOException {
        Path target = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /** Link name → SHA-256 of what it points to (which of two identical files does not matter). */
    static Map<String, String> links(Path dir) throws IOException {
        Map<String, String> links = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isSymbolicLink).toList()) {
                Path target = dir.resolve(Files.readSymbolicLink(file));
                links.put(file.getFileName().toString(), Files.exists(target) ? sha256(target) : "dangling " + target.getFileName());
            }
        }
        return links;
    }

    /** Per hash bucket, the set of files linked (the numbering inside a bucket follows directory order). */
    static Map<String, Set<String>> buckets(Map<String, String> links) {
        Map<String, Set<String>> buckets = new TreeMap<>();
        links.forEach((name, content) -> buckets.computeIfAbsent(name.replaceAll("\\.r?\\d+$", ""), k -> new TreeSet<>()).add(content));
        return buckets;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** openssl rehash exits 1 here: it counts key.pem (a key, no certificate) as an error, and still links the rest. */
    static void opensslRehash(String dir) {
        io.tlsconnector.testing.ExternalTool.Result result = OpenSsl.run("rehash", dir);
        assertThat(result.exitCode()).as(result.all()).isBetween(0, 1);
    }

    @Nested
    class AgainstOpenssl {
        @Test
        void aCopyRehashedByUsHasTheLinkNamesOpensslMakes() throws Exception {
            Path theirs = copy("openssl");
            Path ours = copy("ours");
            opensslRehash(theirs.toString());

            HashLinks.Result result = HashLinks.rehash(ours);

            assertThat(links(ours).keySet()).isEqualTo(links(theirs).keySet());
            assertThat(buckets(links(ours))).isEqualTo(buckets(links(theirs)));
            String shared = SubjectHash.of(Certificates.read(source.resolve("a.pem")).get(0));
            String crl = SubjectHash.of(Certificates.read(source.resolve("ca.pem")).get(0));
            assertThat(links(ours).keySet()).containsExactlyInAnyOrder(shared + ".0", shared + ".1", shared + ".2",
                    SubjectHash.of(Certificates.read(source.resolve("other.PEM")).get(0)) + ".0", crl + ".0", crl + ".r0");
            assertThat(result.links()).hasSize(6);
            assertThat(result.warnings()).contains("skipping chain.pem, it does not contain exactly one certificate or CRL")
                    .anyMatch(w -> w.startsWith("skipping duplicate certificate in "));
        }

        @Test
        void rehashingADirectoryOpensslRehashedKeepsEveryLink() throws Exception {
            Path dir = copy("both");
            opensslRehash(dir.toString());
            Map<String, String> before = links(dir);

            HashLinks.rehash(dir);

            assertThat(links(dir)).isEqualTo(before);
        }

        @Test
        void staleLinksGoAndNewFilesGetLinksAsWithOpenssl() throws Exception {
            Path theirs = copy("openssl");
            Path ours = copy("ours");
            opensslRehash(theirs.toString());
            HashLinks.rehash(ours);
            for (Path dir : List.of(theirs, ours)) {
                Files.delete(dir.resolve("b.crt"));
                Certificates.write(dir.resolve("new.pem"), Certificates.read(source.resolve("chain.pem")).subList(0, 1));
            }

            opensslRehash(theirs.toString());
            HashLinks.rehash(ours);

            assertThat(links(ours).keySet()).isEqualTo(links(theirs).keySet());
            assertThat(buckets(links(ours))).isEqualTo(buckets(links(theirs)));
        }
    }

    @Test
    void aDirectoryThatIsNotWritableIsNamed() {
        Path missing = tmp.resolve("missing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HashLinks.rehash(missing))
                .hasMessage("Cannot rehash " + missing + ": it is not a writable directory; name the CA certificate directory "
                        + "(SSLCACertificatePath) and run as a user who may write to it.");
    }

}
