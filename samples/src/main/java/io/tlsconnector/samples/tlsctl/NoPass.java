package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.pki.PrivateKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl pkey -in key -out key.unsecure}: the pass-phrase removed (F18). */
@Command(name = "nopass", mixinStandardHelpOptions = true,
        description = {"Writes an unencrypted copy of a private key, readable by its owner only (0600), so a server starts without asking (F18).",
                "Anyone who can read the copy can impersonate the server.",
                "Example: tlsctl nopass server.key -o server.unsecure.key --pass file:key.pass"})
final class NoPass extends TlsctlCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "the encrypted private key")
    Path key;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the unencrypted copy to write")
    Path out;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "its pass-phrase: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        if (key.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("-o must name another file than " + key + "; keep the encrypted key");
        }
        String warning = PrivateKeys.removePassPhrase(key, out, pass);
        out().println("Wrote the unencrypted key to " + out);
        err().println("WARNING: " + warning);
        return 0;
    }
}
