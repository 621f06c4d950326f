package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.Conversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl x509 -outform DER}, {@code openssl pkcs12 -export}, {@code keytool -importkeystore} (F22). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts certificates and keys between PEM, DER, PKCS#12 and JKS (F22). The input format is detected.",
                "Examples: tlsctl convert server.crt server.der --to der",
                "          tlsctl convert server-and-key.pem server.p12 --to pkcs12 --out-pass file:p12.pass"})
final class Convert extends TlsctlCommand {
    @Parameters(index = "0", paramLabel = "IN", description = "input file: PEM, DER, PKCS#12 or JKS")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file")
    Path out;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "pem, der, pkcs12 or jks")
    String to;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of an encrypted input: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Option(names = "--out-pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class,
            description = "password of a PKCS#12/JKS output (required for them; default: prompt), or encrypts the key in PEM output")
    PassPhraseSource outPass;

    @Option(names = "--alias", defaultValue = "tls", paramLabel = "NAME", description = "key store entry name (default: ${DEFAULT-VALUE})")
    String alias;

    @Override
    int run() {
        Conversion.Format format = Conversion.Format.parse(to);
        boolean store = format == Conversion.Format.PKCS12 || format == Conversion.Format.JKS;
        PassPhraseSource outSource = outPass != null ? outPass : store ? PassPhraseSource.PROMPT : null;
        char[] password = outSource == null ? null : outSource.newPassPhrase(out.toString());
        try {
            Conversion.convert(in, out, format, pass, password, alias);
        } finally {
            PassPhraseProvider.wipe(password);
        }
        out().println("Converted " + in + " to " + format + " in " + out);
        return 0;
    }
}
