package io.tlsconnector.samples;

import io.tlsconnector.samples.tlsctl.Tlsctl;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar tls-samples.jar <command>}: the runnable samples of the TLS connector. */
@Command(name = "tls-samples", mixinStandardHelpOptions = true,
        description = "Runnable samples of the TLS connector for servlet containers.",
        subcommands = {JettySample.class, TomcatSample.class, Tlsctl.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command line, with tlsctl's one-line usage errors; tests execute it with captured output. */
    public static CommandLine commandLine() {
        return Tlsctl.configure(new CommandLine(new Main()));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
