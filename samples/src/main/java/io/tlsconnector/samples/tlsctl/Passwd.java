package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.PrivateKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl pkey -in key -aes256 -out key}: a new pass-phrase (F17). */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Changes the pass-phrase of a private key (F17).",
                "The file is rewritten atomically: a crash leaves the old key or the new one, never half of one. An unencrypted key gets encrypted.",
                "Example: tlsctl passwd server.key --pass file:old.pass --new-pass file:new.pass"})
final class Passwd extends TlsctlCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "the private key file")
    Path key;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "current pass-phrase: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Option(names = "--new-pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "new pass-phrase: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource newPass;

    @Override
    int run() {
        PrivateKeys.read(key, pass); // a wrong current pass-phrase fails before a new one is asked for
        char[] passPhrase = newPass.newPassPhrase(key.toString());
        try {
            PrivateKeys.changePassPhrase(key, pass, passPhrase);
        } finally {
            PassPhraseProvider.wipe(passPhrase);
        }
        out().println("Re-encrypted " + key + " with the new pass-phrase (AES-256, mode 0600)");
        return 0;
    }
}
