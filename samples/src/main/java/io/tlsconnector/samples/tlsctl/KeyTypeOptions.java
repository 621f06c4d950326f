package io.tlsconnector.samples.tlsctl;

import io.tlsconnector.config.KeySpec;
import picocli.CommandLine.Option;

/** {@code --type}, {@code --bits}, {@code --curve}: what kind of key to generate. */
final class KeyTypeOptions {
    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ec", description = "rsa, ec or ed25519 (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--bits", paramLabel = "N", description = "RSA key size, 2048 or more (default: 2048)")
    Integer bits;

    @Option(names = "--curve", paramLabel = "CURVE", description = "EC curve: P-256, P-384 or P-521 (default: P-256)")
    String curve;

    KeySpec toSpec() {
        return KeySpec.parse(type, bits, curve);
    }
}
