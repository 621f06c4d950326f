package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.PrivateKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openssl req -x509}: a self-signed certificate for testing (F14). */
@Command(name = "selfsign", mixinStandardHelpOptions = true,
        description = {"Makes a self-signed server certificate for testing, like openssl req -x509 (F14).",
                "Clients trust it only when told to (curl --cacert cert.pem).",
                "Example: tlsctl selfsign --new --key-out server.key --cn localhost --san DNS:localhost,IP:127.0.0.1 -o server.crt"})
final class SelfSign extends TlsctlCommand {
    static final class KeyChoice {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "an existing private key")
        Path key;

        @Option(names = "--new", required = true, description = "generate a new, unencrypted key (written to --key-out)")
        boolean generate;
    }

    @ArgGroup(multiplicity = "1")
    KeyChoice keyChoice;

    @Option(names = "--key-out", paramLabel = "FILE", description = "where --new writes the key (mode 0600)")
    Path keyOut;

    @Mixin
    KeyTypeOptions keyType;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted --key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Mixin
    SubjectOptions names;

    @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "validity in days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the certificate file to write (PEM)")
    Path out;

    @Override
    int run() {
        if (keyChoice.generate && keyOut == null) {
            throw new IllegalArgumentException("--new needs --key-out FILE for the generated key");
        }
        KeyPair keys = keyChoice.generate ? PrivateKeys.generate(keyType.toSpec()) : PrivateKeys.keyPair(PrivateKeys.read(keyChoice.key, pass));
        var certificate = Certificates.selfSigned(keys, names.toSubject(), Duration.ofDays(days));
        if (keyChoice.generate) {
            PrivateKeys.write(keyOut, keys.getPrivate(), null);
            out().println("Wrote a new unencrypted key to " + keyOut + " (mode 0600)");
        }
        Certificates.write(out, List.of(certificate));
        out().println("Wrote a self-signed certificate for " + certificate.getSubjectX500Principal().getName() + ", valid "
                + days + " days, to " + out + "; for testing only (curl --cacert " + out + ")");
        return 0;
    }
}
