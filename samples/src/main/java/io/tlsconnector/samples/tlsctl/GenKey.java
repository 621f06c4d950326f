package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.config.KeySpec;
import io.tlsconnector.pki.PrivateKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openssl genpkey}: a new private key (F15). */
@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = {"Generates a private key (PKCS#8 PEM, mode 0600), like openssl genpkey (F15).",
                "Example: tlsctl genkey --type rsa --bits 3072 --encrypt aes256 --pass env:KEY_PASS -o server.key"})
final class GenKey extends TlsctlCommand {
    @Mixin
    KeyTypeOptions keyType;

    @Option(names = "--encrypt", paramLabel = "CIPHER", description = "encrypt the key; only aes256 (PKCS#8 v2, PBKDF2) is offered")
    String encrypt;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class,
            description = "pass-phrase for --encrypt: env:NAME, file:/path or prompt (default: prompt)")
    PassPhraseSource pass;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the key file to write")
    Path out;

    @Override
    int run() {
        if (encrypt != null && !encrypt.equalsIgnoreCase("aes256")) {
            throw new IllegalArgumentException("--encrypt " + encrypt + " is not offered; use --encrypt aes256");
        }
        if (encrypt == null && pass != null) {
            throw new IllegalArgumentException("--pass needs --encrypt aes256; without it the key is written unencrypted");
        }
        KeySpec spec = keyType.toSpec();
        char[] passPhrase = encrypt == null ? null : (pass == null ? PassPhraseSource.PROMPT : pass).newPassPhrase(out.toString());
        try {
            PrivateKeys.write(out, PrivateKeys.generate(spec).getPrivate(), passPhrase);
        } finally {
            PassPhraseProvider.wipe(passPhrase);
        }
        out().println("Wrote a " + spec + " key to " + out + (passPhrase == null
                ? " (NOT encrypted, mode 0600)" : " (encrypted with AES-256, mode 0600)"));
        return 0;
    }
}
