package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.util.List;

import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.SubjectHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl x509 -hash -noout} (F21). */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Prints OpenSSL's subject name hash of a certificate (F21): the value of openssl x509 -hash -noout, or with --old of -subject_hash_old.",
                "It names the HASH.0 links of a CA directory (see rehash).",
                "Example: tlsctl hash ca.crt"})
final class Hash extends TlsctlCommand {
    @Parameters(arity = "1..*", paramLabel = "CERT", description = "certificate file(s), PEM or DER; the first certificate of each")
    List<Path> files;

    @Option(names = "--old", description = "the hash of OpenSSL before 1.0 (MD5 of the DER subject)")
    boolean old;

    @Override
    int run() {
        for (Path file : files) {
            var certificate = Certificates.read(file).get(0);
            String hash = old ? SubjectHash.old(certificate) : SubjectHash.of(certificate);
            out().println(files.size() == 1 ? hash : hash + "  " + file);
        }
        return 0;
    }
}
