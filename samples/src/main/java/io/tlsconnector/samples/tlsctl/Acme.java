package io.tlsconnector.samples.tlsctl;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlsctl acme}: the certificates the connector gets from an ACME CA (mod_md, issue 22). */
@Command(name = "acme", mixinStandardHelpOptions = true,
        description = {"The automatic certificates of ACME virtual hosts (MDomain, Acme.builder()): what the store holds and when it renews.",
                "Example:",
                "  tlsctl acme status --store /var/lib/tls/md",
                "  tlsctl acme status --conf /etc/apache2/apache2.conf"},
        subcommands = {AcmeStatusCommand.class})
final class Acme implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
