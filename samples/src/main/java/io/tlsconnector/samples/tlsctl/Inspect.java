package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl x509 -text}, {@code openssl req -text}, ... in short (F12, F23). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows what a certificate, chain, CSR, CRL, key or key store holds (F12).",
                "Subject, issuer, SANs, validity, key type and size, fingerprints and subject hash; for a chain, whether it is in order (F23).",
                "Example: tlsctl inspect fullchain.pem"})
final class Inspect extends TlsctlCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "PEM, DER, PKCS#12 or JKS file")
    Path file;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class,
            description = "pass-phrase to open an encrypted key or key store: env:NAME, file:/path or prompt "
                    + "(default: encrypted keys are described without opening them)")
    PassPhraseSource pass;

    @Override
    int run() {
        out().print(Inspection.inspect(file, pass == null ? PassPhraseProvider.NONE : pass));
        return 0;
    }
}
