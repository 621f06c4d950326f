package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.util.List;

import io.tlsconnector.pki.HashLinks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code openssl rehash DIR} (F21). */
@Command(name = "rehash", mixinStandardHelpOptions = true,
        description = {"Makes the HASH.N (certificates) and HASH.rN (CRLs) symbolic links of a CA directory, as openssl rehash does (F21).",
                "SSLCACertificatePath-style lookups then find every certificate. Files named *.pem, *.crt, *.cer or *.crl that hold one PEM certificate or CRL are linked.",
                "Example: tlsctl rehash /etc/tls/client-cas"})
final class Rehash extends TlsctlCommand {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "the directory (or directories) to rehash")
    List<Path> dirs;

    @Override
    int run() {
        for (Path dir : dirs) {
            HashLinks.Result result = HashLinks.rehash(dir);
            result.warnings().forEach(w -> err().println("tlsctl rehash: warning: " + w));
            result.links().forEach(link -> out().println(dir.resolve(link.name()) + " -> " + link.target()));
        }
        return 0;
    }
}
