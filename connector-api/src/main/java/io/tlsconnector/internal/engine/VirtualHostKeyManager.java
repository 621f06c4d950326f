package io.tlsconnector.internal.engine;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.tlsconnector.pki.KeyMaterial;

/**
 * Serves a virtual host's certificates. JSSE asks for a key type derived from what the client can
 * verify (its signature algorithms in TLS 1.3, the cipher suite in TLS 1.2), so a host with an RSA
 * and an ECDSA certificate answers each client with the one it supports. No value is put on the
 * handshake session: that would turn off JSSE's stateless TLS 1.2 resumption (platform-facts §1b).
 */
final class VirtualHostKeyManager extends X509ExtendedKeyManager {
    private final List<KeyMaterial> certificates;

    VirtualHostKeyManager(List<KeyMaterial> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        for (int i = 0; i < certificates.size(); i++) {
            if (keyTypeOf(certificates.get(i).privateKey()).equals(keyType)) {
                return Integer.toString(i);
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyMaterial material = byAlias(alias);
        return material == null ? null : material.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyMaterial material = byAlias(alias);
        return material == null ? null : material.privateKey();
    }

    // This key manager only serves; client aliases are never asked of a server context.
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private KeyMaterial byAlias(String alias) {
        try {
            int index = Integer.parseInt(alias);
            return index >= 0 && index < certificates.size() ? certificates.get(index) : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    /** JSSE's key type names: RSA, EC, RSASSA-PSS, EdDSA, DSA. */
    static String keyTypeOf(PrivateKey key) {
        String algorithm = key.getAlgorithm();
        return switch (algorithm) {
            case "ECDSA" -> "EC";
            case "Ed25519", "Ed448" -> "EdDSA";
            default -> algorithm;
        };
    }
}
