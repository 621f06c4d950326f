package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.time.Duration;

import io.tlsconnector.pki.CertificateAuthority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlsctl ca crl}. */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Writes a new CRL listing every revoked certificate to DIR/crl.pem (SSLCARevocationFile).")
final class CaCrl extends TlsctlCommand {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the CA directory")
    Path dir;

    @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "days until the next update (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of ca.key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        var crl = CertificateAuthority.open(dir, pass).crl(Duration.ofDays(days));
        int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        out().println("Wrote " + dir.resolve("crl.pem") + " with " + revoked + " revoked certificate(s), next update "
                + crl.getNextUpdate().toInstant());
        return 0;
    }
}
