package io.tlsconnector.samples;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import io.tlsconnector.samples.tlsctl.Tlsctl;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar tls-samples.jar <command>}: the runnable samples of the TLS connector. */
@Command(name = "tls-samples", mixinStandardHelpOptions = true,
        description = "Runnable samples of the TLS connector for servlet containers.",
        subcommands = {JettySample.class, TomcatSample.class, Tlsctl.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int exitCode = commandLine.execute(args);
        // System.exit does not flush: without this, output printed with print() (no autoflush) is lost.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exitCode);
    }

    /** The whole command line, with tlsctl's one-line usage errors; tests execute it with captured output. */
    public static CommandLine commandLine() {
        CommandLine root = Tlsctl.configure(new CommandLine(new Main()));
        // One pair of writers for every command (picocli otherwise makes one per subcommand, which
        // main could not flush before exiting).
        root.setOut(new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true));
        root.setErr(new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true));
        return root;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
