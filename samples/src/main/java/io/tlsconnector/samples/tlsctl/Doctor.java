package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.util.List;

import io.tlsconnector.TlsConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every start-up check on files, without starting a server (F9). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Runs every start-up check on a certificate, key and chain without starting a server (F9).",
                "Readable files, pass-phrase, key/certificate match, chain order, expiry, weak keys, key permissions and, with --ca, whether the chain leads to that CA. Prints each problem with its fix; exits with 1 when there is any.",
                "Example: tlsctl doctor --cert server.crt --key server.key --chain chain.pem --ca root.pem"})
final class Doctor extends TlsctlCommand {
    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "the certificate (optionally followed by its chain)")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key")
    Path key;

    @Option(names = "--chain", paramLabel = "FILE", description = "the intermediate certificates (SSLCertificateChainFile)")
    Path chain;

    @Option(names = "--ca", paramLabel = "FILE", description = "a CA file clients trust; the chain must lead to it")
    Path ca;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        List<TlsConfigException.Problem> problems = io.tlsconnector.diag.Doctor.check(
                new io.tlsconnector.diag.Doctor.Files(certificate, key, chain, ca), pass);
        out().print(io.tlsconnector.diag.Doctor.report(problems));
        return problems.isEmpty() ? 0 : 1;
    }
}
