package io.tlsconnector.internal.engine;

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
 * @param extensionTypes    the type of every extension sent, in the client's order
 */
public record ClientHello(int legacyVersion,
                          String serverName,
                          List<String> alpnProtocols,
                          List<Integer> cipherSuites,
                          List<Integer> supportedVersions,
                          List<Integer> signatureSchemes,
                          List<Integer> extensionTypes) {
    /** The {@code renegotiation_info} extension (RFC 5746). */
    public static final int EXTENSION_RENEGOTIATION_INFO = 0xff01;
    /** {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}, RFC 5746's signal in the cipher suite list. */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

    public ClientHello {
        alpnProtocols = List.copyOf(alpnProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        supportedVersions = List.copyOf(supportedVersions);
        signatureSchemes = List.copyOf(signatureSchemes);
        extensionTypes = List.copyOf(extensionTypes);
    }

    /** A hello whose extension types were not recorded. */
    public ClientHello(int legacyVersion, String serverName, List<String> alpnProtocols, List<Integer> cipherSuites,
                       List<Integer> supportedVersions, List<Integer> signatureSchemes) {
        this(legacyVersion, serverName, alpnProtocols, cipherSuites, supportedVersions, signatureSchemes, List.of());
    }

    /** True when the client signalled RFC 5746 secure renegotiation (extension or SCSV). */
    public boolean offersSecureRenegotiation() {
        return extensionTypes.contains(EXTENSION_RENEGOTIATION_INFO) || cipherSuites.contains(EMPTY_RENEGOTIATION_INFO_SCSV);
    }

    public Optional<String> sni() {
        return Optional.ofNullable(serverName);
    }
}
