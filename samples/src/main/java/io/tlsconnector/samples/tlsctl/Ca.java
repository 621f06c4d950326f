package io.tlsconnector.samples.tlsctl;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code openssl ca}: your own CA (F16). */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = {"Your own certificate authority, like openssl ca (F16): create it, sign CSRs into server or client certificates, revoke them and publish a CRL.",
                "Example:",
                "  tlsctl ca init --dir ca --cn \"Example CA\" --pass file:ca.pass",
                "  tlsctl ca sign --dir ca --csr server.csr --server --days 365 -o server.crt --pass file:ca.pass"},
        subcommands = {CaInit.class, CaSign.class, CaRevoke.class, CaCrl.class})
final class Ca implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
