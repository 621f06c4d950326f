package io.tlsconnector.samples.tlsctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.tlsconnector.samples.Main;
import picocli.CommandLine;

/** Runs {@code tls-samples tlsctl ...} in-process, as the jar would, with stdout and stderr captured. */
final class TlsctlRunner {
    private TlsctlRunner() {
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    static Run tlsctl(String... arguments) {
        List<String> args = new ArrayList<>(List.of("tlsctl"));
        args.addAll(List.of(arguments));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
