package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tlsconnector.pki.CertificateAuthority;
import io.tlsconnector.pki.CertificateRequest;
import io.tlsconnector.pki.Certificates;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlsctl ca sign}. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signs a CSR into a server (default) or client certificate (F16).",
                "Extensions: basicConstraints CA:FALSE, keyUsage, extendedKeyUsage serverAuth or clientAuth, and the CSR's subjectAltName. The serial comes from the CA's serial file; the certificate is recorded in index.txt and certs/."})
final class CaSign extends TlsctlCommand {
    static final class UsageChoice {
        @Option(names = "--server", description = "a TLS server certificate (extendedKeyUsage serverAuth; the default)")
        boolean server;

        @Option(names = "--client", description = "a TLS client certificate (extendedKeyUsage clientAuth)")
        boolean client;
    }

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the CA directory (made by tlsctl ca init)")
    Path dir;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "the certificate signing request")
    Path csr;

    @ArgGroup(exclusive = true)
    UsageChoice usage;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "validity in days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the certificate file to write (PEM)")
    Path out;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of ca.key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        CertificateAuthority ca = CertificateAuthority.open(dir, pass);
        CertificateAuthority.Usage kind = usage != null && usage.client ? CertificateAuthority.Usage.CLIENT : CertificateAuthority.Usage.SERVER;
        var certificate = ca.sign(CertificateRequest.read(csr), kind, Duration.ofDays(days));
        Certificates.write(out, List.of(certificate));
        out().println("Signed a " + kind.name().toLowerCase() + " certificate for " + certificate.getSubjectX500Principal().getName()
                + " (serial " + certificate.getSerialNumber().toString(16).toUpperCase() + ", valid " + days + " days) to " + out);
        return 0;
    }
}
