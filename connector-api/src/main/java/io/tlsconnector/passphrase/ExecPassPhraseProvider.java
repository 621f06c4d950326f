package io.tlsconnector.passphrase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_ssl 2.4's {@code exec:} dialog: runs the program once per pass-phrase needed with the
 * arguments {@code servername:port} and {@code RSA}/{@code DSA}/{@code ECC}; the first line of its
 * standard output is the pass-phrase. Non-zero exit, empty output or a time-out fail start-up; the
 * program's standard error goes to the debug log.
 */
final class ExecPassPhraseProvider implements PassPhraseProvider {
    private static final Logger log = LoggerFactory.getLogger(ExecPassPhraseProvider.class);

    private final Path program;
    private final Duration timeout;

    ExecPassPhraseProvider(Path program, Duration timeout) {
        this.program = Objects.requireNonNull(program, "program");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("exec:" + program + ": the timeout must be positive, was " + timeout);
        }
    }

    @Override
    public char[] passPhrase(PassPhraseRequest request) throws PassPhraseException, InterruptedException {
        String key = "the key " + request.keySource() + " (arguments " + request.virtualHostId() + " " + request.modSslKeyType() + ")";
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new PassPhraseException("the pass-phrase program " + this + " is not an executable file, so it cannot answer for "
                    + key + ".", "check the path and make the program executable (chmod 700 " + program + ").");
        }
        List<String> command = List.of(program.toString(), request.virtualHostId(), request.modSslKeyType());
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new PassPhraseException("the pass-phrase program " + this + " could not be started for " + key + ": "
                    + e.getMessage() + ".", "check that the program and its interpreter (#! line) exist and are executable.");
        }
        long started = System.nanoTime();
        ProgramStreams.Capture out = new ProgramStreams.Capture(process.getInputStream(), "pass-phrase-exec");
        ProgramStreams.logLines(process.getErrorStream(), log, toString());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program need not read its input
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PassPhraseException("the pass-phrase program " + this + " did not answer within "
                        + ProgramStreams.human(timeout) + " for " + key + "; it was stopped.",
                        "make the program print the pass-phrase on its first output line and exit, "
                                + "or give it more time with PassPhraseProvider.exec(program, timeout).");
            }
            int length = out.await(2_000);
            if (out.thread.isAlive()) {
                // a child of the program still holds its output open; what it printed so far is the answer
                process.getInputStream().close();
                length = out.await(500);
            }
            log.debug("{} answered for {} in {} ms with exit status {}", this, request.keySource(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.exitValue());
            if (process.exitValue() != 0) {
                throw new PassPhraseException("the pass-phrase program " + this + " exited with status " + process.exitValue()
                        + " for " + key + ".", "run the program by hand with those arguments; its standard error is "
                        + "logged at debug level by " + ExecPassPhraseProvider.class.getName() + ".");
            }
            char[] answer = Secrets.firstLine(out.bytes, length);
            if (answer.length == 0) {
                throw new PassPhraseException("the pass-phrase program " + this + " printed no pass-phrase (its first output line "
                        + "is empty) for " + key + ".", "make the program print the pass-phrase on its first output line.");
            }
            return answer;
        } catch (IOException e) {
            throw new PassPhraseException("reading the answer of the pass-phrase program " + this + " for " + key
                    + " failed: " + e.getMessage() + ".", "run the program by hand with those arguments.");
        } finally {
            out.wipe();
        }
    }

    /** The mod_ssl directive value: {@code exec:/path}. */
    @Override
    public String toString() {
        return "exec:" + program;
    }
}
