package io.tlsconnector.engine;

import java.util.List;
import java.util.Optional;

/**
 * What a client offered in its TLS ClientHello, read before the handshake starts so that the
 * virtual host (and with it the SSLContext) can be chosen.
 *
 * @param legacyVersion     the ClientHello's {@code legacy_version}, e.g. {@code 0x0303}
 * @param serverName        the SNI {@code host_name}, as sent (may carry a trailing dot), or {@code null}
 * @param alpnProtocols     offered ALPN protocol names, in the client's order; empty when none
 * @param cipherSuites      offered cipher suite code points, in the client's order
 * @param supportedVersions the {@code supported_versions} extension's code points; empty when absent
 * @param signatureSchemes  the {@code signature_algorithms} extension's code points; empty when absent
 */
public record ClientHello(int legacyVersion,
                          String serverName,
                          List<String> alpnProtocols,
                          List<Integer> cipherSuites,
                          List<Integer> supportedVersions,
                          List<Integer> signatureSchemes) {
    public ClientHello {
        alpnProtocols = List.copyOf(alpnProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        supportedVersions = List.copyOf(supportedVersions);
        signatureSchemes = List.copyOf(signatureSchemes);
    }

    public Optional<String> sni() {
        return Optional.ofNullable(serverName);
    }
}
