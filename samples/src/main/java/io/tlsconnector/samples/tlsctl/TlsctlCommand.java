package io.tlsconnector.samples.tlsctl;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.TlsException;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * What every {@code tlsctl} command shares: output through picocli's writers, and failures turned
 * into one line on stderr with exit code 1 (usage errors exit with 2, see {@link Tlsctl#configure}).
 */
abstract class TlsctlCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (TlsConfigException e) {
            return fail(String.join(" ", e.problems().stream().map(TlsConfigException.Problem::toString).toList()));
        } catch (TlsException | IllegalArgumentException | UncheckedIOException e) {
            return fail(e.getMessage());
        } finally {
            out().flush();
            err().flush();
        }
    }

    int fail(String message) {
        err().println(Tlsctl.oneLine(spec.qualifiedName(), message));
        err().flush();
        return 1;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
