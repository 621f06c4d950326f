package io.tlsconnector.samples.tlsctl;

import io.tlsconnector.diag.VersionReport;
import picocli.CommandLine.Command;

/** {@code httpd -V} for bug reports (F38). */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the library, JDK, security provider (Conscrypt/BoringSSL when present) and container versions (F38).")
final class Version extends TlsctlCommand {
    @Override
    int run() {
        out().print(VersionReport.text());
        return 0;
    }
}
