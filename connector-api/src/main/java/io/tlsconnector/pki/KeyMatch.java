package io.tlsconnector.pki;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.tlsconnector.TlsException;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * Do a key, its certificate and its CSR belong together (F19)? The FAQ compares
 * {@code openssl x509 -noout -modulus | openssl md5} with the same for the key; this compares a
 * short SHA-256 fingerprint of each public key, which works for RSA, EC and Ed25519 alike.
 *
 * @param items one line per file checked, certificate first
 */
public record KeyMatch(List<Item> items) {

    /**
     * @param role        {@code certificate}, {@code key} or {@code request}
     * @param file        the file
     * @param fingerprint {@link #publicKeyFingerprint} of its public key
     */
    public record Item(String role, Path file, String fingerprint) {
    }

    public KeyMatch {
        items = List.copyOf(items);
    }

    /**
     * @param certificate the certificate file (its first certificate is compared)
     * @param key         the private key file
     * @param request     a CSR file, or {@code null}
     * @param passPhrases asked when the key is encrypted
     */
    public static KeyMatch check(Path certificate, Path key, Path request, PassPhraseProvider passPhrases) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("certificate", certificate,
                publicKeyFingerprint(Certificates.read(certificate).get(0).getPublicKey())));
        items.add(new Item("key", key, publicKeyFingerprint(PrivateKeys.publicKey(PrivateKeys.read(key, passPhrases)))));
        if (request != null) {
            items.add(new Item("request", request, publicKeyFingerprint(CertificateRequest.read(request).publicKey())));
        }
        return new KeyMatch(items);
    }

    /** True when every file carries the same public key. */
    public boolean matches() {
        return items.stream().map(Item::fingerprint).distinct().count() == 1;
    }

    /**
     * The first 8 bytes of the SHA-256 of the DER SubjectPublicKeyInfo, as {@code openssl pkey -pubout
     * -outform DER | openssl sha256} starts.
     */
    public static String publicKeyFingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new TlsException("This JVM has no SHA-256.", e);
        }
    }

    /** One line per file, then the verdict; what {@code tlsctl match} prints. */
    public String report() {
        StringBuilder text = new StringBuilder();
        for (Item item : items) {
            text.append(String.format("%-12s %s  %s%n", item.role(), item.fingerprint(), item.file()));
        }
        text.append(matches() ? "OK: all files carry the same public key"
                : "MISMATCH: the files carry different public keys; a certificate works only with the key its request was made from");
        return text.append(System.lineSeparator()).toString();
    }
}
