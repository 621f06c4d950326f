package io.tlsconnector.internal.engine;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tlsconnector.config.SignatureAlgorithms;

/**
 * A host's {@code SSLOpenSSLConfCmd SignatureAlgorithms} on a JSSE engine: JSSE asks its algorithm
 * constraints about every TLS signature scheme by name before it signs with one, offers one in a
 * CertificateRequest or accepts one from a client, so refusing the schemes not listed narrows this
 * engine alone (JDK 17 has no per-engine list; {@code jdk.tls.server.SignatureSchemes} is process-wide).
 * Every other algorithm is left to JSSE's own constraints.
 */
final class SignatureSchemeConstraints implements AlgorithmConstraints {
    private final Set<String> allowed;

    /** @param schemes IANA SignatureScheme names */
    SignatureSchemeConstraints(List<String> schemes) {
        this.allowed = Set.copyOf(schemes);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        return !SignatureAlgorithms.SCHEMES.contains(name) || allowed.contains(name);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return permits(primitives, algorithm, parameters);
    }
}
