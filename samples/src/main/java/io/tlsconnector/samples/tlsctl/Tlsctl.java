package io.tlsconnector.samples.tlsctl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tlsctl}: the command-line tool over the library's PKI and diagnostics API, the answers to the
 * mod_ssl FAQ's openssl recipes. Each command is a subcommand class registered here.
 */
@Command(name = "tlsctl", mixinStandardHelpOptions = true,
        description = "TLS tool of the connector: cipher strings, keys, certificates and diagnostics.",
        subcommands = {CiphersCommand.class})
public final class Tlsctl implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
