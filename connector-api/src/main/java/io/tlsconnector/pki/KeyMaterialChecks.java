package io.tlsconnector.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks an operator would make by hand on opened key material: the key matches the certificate
 * (F19), and the chain leads from the leaf towards a root, in order (F23).
 */
final class KeyMaterialChecks {
    /** The loader's logger, so operators' logging settings for key loading keep working. */
    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    private KeyMaterialChecks() {
    }

    /** Checks the pair and the chain; returns the material even with problems so all are reported. */
    static KeyMaterial checked(LoadContext context, PrivateKey key, List<X509Certificate> chain, String keyOrigin,
                               String certificateOrigin, String chainOrigin) {
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            context.problem(keyOrigin, "this private key does not match the certificate in " + certificateOrigin
                            + " (" + leaf.getSubjectX500Principal().getName() + ", SHA-256 " + Certificates.fingerprint(leaf)
                            + "): the certificate was issued for another key.",
                    "pair the certificate with the key its request was made from; compare "
                            + "`openssl x509 -noout -pubkey -in CERT | openssl sha256` with "
                            + "`openssl pkey -pubout -in KEY | openssl sha256`.");
        }
        checkChainOrder(context, chain, chainOrigin);
        String origin = keyOrigin.equals(certificateOrigin) ? keyOrigin : "certificate " + chainOrigin + ", key " + keyOrigin;
        return new KeyMaterial(key, chain, origin);
    }

    /** Each certificate must be followed by its issuer; the root itself may be left out. */
    static void checkChainOrder(LoadContext context, List<X509Certificate> chain, String chainOrigin) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            String subject = certificate.getSubjectX500Principal().getName();
            String issuer = certificate.getIssuerX500Principal().getName();
            if (!certificate.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
                int issuerAt = indexOfSubject(chain, certificate, i);
                if (issuerAt >= 0) {
                    context.problem(chainOrigin, "the certificate chain is out of order: certificate #" + (i + 1)
                                    + " (" + subject + ") is followed by " + next.getSubjectX500Principal().getName()
                                    + ", but its issuer " + issuer + " is certificate #" + (issuerAt + 1) + ".",
                            "list the leaf first, then each certificate's issuer directly after it, up to the root.");
                } else {
                    context.problem(chainOrigin, "the certificate chain does not lead from the leaf towards a root: "
                                    + "certificate #" + (i + 1) + " (" + subject + ") was issued by " + issuer
                                    + ", which is missing (the next certificate is " + next.getSubjectX500Principal().getName() + ").",
                            "insert the intermediate certificate of " + issuer + " (from your CA's bundle) directly after "
                                    + subject + ".");
                }
                return;
            }
            try {
                certificate.verify(next.getPublicKey());
            } catch (GeneralSecurityException e) {
                context.problem(chainOrigin, "certificate #" + (i + 1) + " (" + subject + ") names " + issuer
                                + " as its issuer, but certificate #" + (i + 2) + " of that name did not sign it ("
                                + e.getMessage() + "); it is another certificate with the same name, e.g. an old intermediate.",
                        "use the intermediate that issued the certificate; your CA's current bundle has it.");
                return;
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (chain.size() == 1 && !last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
            log.debug("Virtual host '{}': {} has no intermediates; fine when {} is a root the clients trust",
                    context.virtualHost, chainOrigin, last.getIssuerX500Principal().getName());
        }
    }

    private static int indexOfSubject(List<X509Certificate> chain, X509Certificate certificate, int except) {
        for (int j = 0; j < chain.size(); j++) {
            if (j != except && chain.get(j).getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return j;
            }
        }
        return -1;
    }

    /** Proves possession: a signature made with the private key must verify with the certificate's key. */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (key instanceof RSAKey rsa && certificateKey instanceof RSAKey publicRsa) {
            return rsa.getModulus().equals(publicRsa.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            return false;
        }
        if (algorithm == null) {
            log.debug("No possession check for {} keys; only the key types are compared", key.getAlgorithm());
            return true;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            log.debug("Key match check failed with {}", e.toString());
            return false;
        }
    }
}
