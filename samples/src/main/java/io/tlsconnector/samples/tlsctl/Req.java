package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.pki.CertificateRequest;
import io.tlsconnector.pki.PrivateKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openssl req -new}: a CSR for a key (F15). */
@Command(name = "req", mixinStandardHelpOptions = true,
        description = {"Makes a certificate signing request (CSR) for a key, like openssl req -new (F15).",
                "Example: tlsctl req --key server.key --cn www.example.test --san DNS:www.example.test,DNS:example.test -o server.csr"})
final class Req extends TlsctlCommand {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key (any format; asks for its pass-phrase if encrypted)")
    Path key;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Mixin
    SubjectOptions names;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the CSR file to write (PEM)")
    Path out;

    @Override
    int run() {
        var keys = PrivateKeys.keyPair(PrivateKeys.read(key, pass));
        CertificateRequest request = CertificateRequest.create(keys, names.toSubject());
        request.write(out);
        out().println("Wrote a certificate request for " + request.subject().getName() + " (SANs: "
                + String.join(", ", request.subjectAltNames()) + ") to " + out);
        out().println("Send it to your CA, or sign it with: tlsctl ca sign --dir CA_DIR --csr " + out + " -o server.crt");
        return 0;
    }
}
