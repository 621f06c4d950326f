package io.tlsconnector.samples.tlsctl;

import io.tlsconnector.diag.VersionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tls-samples tlsctl <command>}: everything the mod_ssl FAQ does with {@code openssl}, on the
 * library's PKI and diagnostics API; files interoperate with openssl both ways.
 */
@Command(name = "tlsctl", mixinStandardHelpOptions = true, versionProvider = Tlsctl.LibraryVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = {"Cipher strings, keys, CSRs, certificates, your own CA, conversion, OpenSSL hash links and TLS diagnostics: the openssl commands of the mod_ssl FAQ, on the library's API.",
                "Output files interoperate with openssl both ways."},
        subcommands = {CiphersCommand.class, GenKey.class, Req.class, SelfSign.class, Ca.class, Passwd.class, NoPass.class, Match.class,
                Convert.class, Hash.class, Rehash.class, Inspect.class, Probe.class, Version.class, Doctor.class, Acme.class})
public final class Tlsctl implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version} of tlsctl and every command it holds: the library version. */
    static final class LibraryVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tlsctl (tls-connector " + VersionReport.libraryVersion() + "); tlsctl version prints the full report"};
        }
    }

    /**
     * Makes usage errors of {@code tlsctl} commands one line on stderr (exit code 2) instead of the
     * message followed by the whole usage text, and unexpected failures one line too (exit code 1);
     * other commands keep picocli's default.
     */
    public static CommandLine configure(CommandLine root) {
        CommandLine.IParameterExceptionHandler standard = root.getParameterExceptionHandler();
        root.setParameterExceptionHandler((ex, args) -> {
            CommandLine.Model.CommandSpec failed = ex.getCommandLine().getCommandSpec();
            if (!isTlsctl(failed)) {
                return standard.handleParseException(ex, args);
            }
            ex.getCommandLine().getErr().println(oneLine(failed.qualifiedName(), ex.getMessage() + " (see --help)"));
            return 2;
        });
        CommandLine.IExecutionExceptionHandler standardExecution = root.getExecutionExceptionHandler();
        root.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (!isTlsctl(commandLine.getCommandSpec())) {
                return standardExecution.handleExecutionException(ex, commandLine, parseResult);
            }
            commandLine.getErr().println(oneLine(commandLine.getCommandSpec().qualifiedName(), ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage())));
            return 1;
        });
        return root;
    }

    private static boolean isTlsctl(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof Tlsctl) {
                return true;
            }
        }
        return false;
    }

    /** {@code tls-samples tlsctl hash: error: ...} on one line, whatever the message holds. */
    static String oneLine(String command, String message) {
        String text = message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ").strip();
        return command + ": error: " + text;
    }
}
