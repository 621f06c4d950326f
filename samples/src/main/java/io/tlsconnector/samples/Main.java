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
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
