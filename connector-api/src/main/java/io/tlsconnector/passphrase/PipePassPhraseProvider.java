package io.tlsconnector.passphrase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_ssl's pipe dialog ({@code |/path/to/program}): the program is started once and stays running
 * while keys are opened; for each key mod_ssl's dialog text is written to its standard input and
 * the pass-phrase is read as one line from its standard output. The text is mod_ssl's, with a line
 * end after the prompt so line-reading programs see it:
 * <pre>
 * mod_ssl (Pass Phrase Dialog)
 * Some of your private key files are encrypted for security reasons.
 * In order to read them you have to provide the pass phrases.
 *
 * Private key www.example.com:443:0 (/etc/tls/www.key)
 * Enter pass phrase:
 * </pre>
 * After a wrong answer the program reads {@code Pass phrase incorrect (N more retries permitted).}
 * and the prompt again. {@link #close()} (at the end of start-up) closes its input and stops it.
 */
final class PipePassPhraseProvider implements PassPhraseProvider, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipePassPhraseProvider.class);
    static final String PROMPT = "Enter pass phrase:";

    private final List<String> command;
    private final Duration timeout;
    private Process process;
    private ExecutorService reader;
    private boolean headerWritten;

    PipePassPhraseProvider(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("|" + command + ": the timeout must be positive, was " + timeout);
        }
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("a pipe pass-phrase program needs a command");
        }
    }

    @Override
    public int maxAttempts() {
        return 6;
    }

    @Override
    public synchronized char[] passPhrase(PassPhraseRequest request) throws PassPhraseException, InterruptedException {
        String key = "the key " + request.keySource() + " (" + request.virtualHostId() + ":" + request.keyIndex() + ")";
        start(key);
        StringBuilder text = new StringBuilder();
        if (!headerWritten) {
            text.append("mod_ssl (Pass Phrase Dialog)\n")
                    .append("Some of your private key files are encrypted for security reasons.\n")
                    .append("In order to read them you have to provide the pass phrases.\n");
            headerWritten = true;
        }
        if (request.attempt() == 1) {
            text.append("\nPrivate key ").append(request.virtualHostId()).append(':').append(request.keyIndex())
                    .append(" (").append(request.keySource()).append(")\n");
        } else {
            text.append("Pass phrase incorrect (").append(maxAttempts() - request.attempt() + 1).append(" more retries permitted).\n");
        }
        text.append(PROMPT).append('\n');
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.toString().getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw failure("could not be written to (" + e.getMessage() + ") when asked for " + key, "make the program read its standard input until it closes.");
        }
        InputStream out = process.getInputStream();
        Future<byte[]> line = reader.submit(() -> readLine(out));
        byte[] answer = null;
        try {
            answer = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw failure("closed its standard output without answering for " + key,
                        "make the program answer each '" + PROMPT + "' with one line and keep running until its input closes.");
            }
            char[] passPhrase = Secrets.firstLine(answer, answer.length);
            if (passPhrase.length == 0) {
                throw failure("answered an empty line for " + key, "make the program answer each prompt with the pass-phrase.");
            }
            return passPhrase;
        } catch (TimeoutException e) {
            line.cancel(true);
            stop();
            throw failure("did not answer within " + ProgramStreams.human(timeout) + " for " + key + "; it was stopped",
                    "make the program answer each '" + PROMPT + "' line with one line on its standard output.");
        } catch (ExecutionException e) {
            throw failure("could not be read (" + e.getCause() + ") when asked for " + key, "check the program by hand.");
        } finally {
            Secrets.wipe(answer);
        }
    }

    private PassPhraseException failure(String what, String fix) {
        return new PassPhraseException("the pass-phrase pipe program " + this + " " + what + ".", fix);
    }

    private void start(String key) throws PassPhraseException {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw failure("could not be started for " + key + ": " + e.getMessage(),
                    "check that the program exists and is executable.");
        }
        headerWritten = false;
        ProgramStreams.logLines(process.getErrorStream(), log, toString());
        reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "pass-phrase-pipe");
            thread.setDaemon(true);
            return thread;
        });
        log.debug("Started pass-phrase pipe program {} (pid {})", this, process.pid());
    }

    /** One line (without its end), or {@code null} at end of stream; never a String. */
    private static byte[] readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[ProgramStreams.MAX_ANSWER];
        int length = 0;
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (length < buffer.length) {
                    buffer[length++] = (byte) b;
                }
            }
            if (b < 0 && length == 0) {
                return null;
            }
            return java.util.Arrays.copyOf(buffer, length);
        } finally {
            Secrets.wipe(buffer);
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        reader.shutdownNow();
        log.debug("Stopped pass-phrase pipe program {}", this);
        process = null;
    }

    /** Closes the program's input and stops it; a later request starts it again. */
    @Override
    public synchronized void close() {
        stop();
    }

    /** The mod_ssl directive value: {@code |/path/to/program [args]}. */
    @Override
    public String toString() {
        return "|" + PassPhraseSyntax.quote(command);
    }
}
