package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.pki.KeyMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The FAQ's {@code openssl x509 -noout -modulus | openssl md5} comparison (F19). */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Checks that a certificate, its private key and (optionally) its CSR carry the same public key (F19).",
                "Prints a short SHA-256 fingerprint of each public key; exits with 1 on a mismatch.",
                "Example: tlsctl match --cert server.crt --key server.key --csr server.csr"})
final class Match extends TlsctlCommand {
    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "the certificate")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key")
    Path key;

    @Option(names = "--csr", paramLabel = "FILE", description = "the certificate signing request, if you have it")
    Path request;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        KeyMatch match = KeyMatch.check(certificate, key, request, pass);
        out().print(match.report());
        return match.matches() ? 0 : 1;
    }
}
