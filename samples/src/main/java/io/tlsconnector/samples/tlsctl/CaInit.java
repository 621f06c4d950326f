package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.time.Duration;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.CertificateAuthority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tlsctl ca init}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates a CA in a new directory: an encrypted key (ca.key) and a self-signed CA certificate (ca.crt) with basicConstraints CA:TRUE and keyUsage keyCertSign, cRLSign (F16).",
                "Also writes openssl ca's serial, crlnumber and index.txt, and certs/ for issued certificates."})
final class CaInit extends TlsctlCommand {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the CA directory to create")
    Path dir;

    @Mixin
    SubjectOptions names;

    @Mixin
    KeyTypeOptions keyType;

    @Option(names = "--days", defaultValue = "3650", paramLabel = "N", description = "validity of the CA certificate (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase that encrypts ca.key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        var subject = names.toSubject();
        char[] passPhrase = pass.newPassPhrase(dir.resolve("ca.key").toString());
        try {
            CertificateAuthority ca = CertificateAuthority.init(dir, subject, keyType.toSpec(), passPhrase, Duration.ofDays(days));
            out().println("Created the CA " + ca.certificate().getSubjectX500Principal().getName() + " in " + dir
                    + " (certificate " + dir.resolve("ca.crt") + ", encrypted key " + dir.resolve("ca.key") + ")");
        } finally {
            PassPhraseProvider.wipe(passPhrase);
        }
        return 0;
    }
}
