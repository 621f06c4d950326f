package io.tlsconnector.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs real programs (openssl, curl) from tests. A missing program skips the test locally, with the
 * reason; under CI ({@code CI=true}) it fails the test, so nothing silently stops running.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The program's path on PATH; skips (locally) or fails (CI) the calling test when it is missing. */
    public static Path require(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = "'" + program + "' is not on PATH; install it (.ci/run does: apt-get install -y " + program + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + reason);
        }
        Assumptions.abort(reason);
        return null; // not reached
    }

    /** What a finished program left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    /**
     * Runs {@code command} with {@code stdin} as its standard input, waiting at most {@code timeout};
     * a program still running then is killed and the test fails.
     */
    public static Result run(Duration timeout, byte[] stdin, List<String> command) {
        require(command.get(0));
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).start();
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // the program may exit before reading its input
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(),
                    new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(Duration timeout, List<String> command) {
        return run(timeout, new byte[0], command);
    }

    public static Result run(String... command) {
        return run(Duration.ofSeconds(30), new byte[0], List.of(command));
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }, task -> {
            // One thread per stream: the common pool has a single thread on a 2-core machine, and a
            // program blocked on a full stderr pipe would never close stdout.
            Thread reader = new Thread(task, "external-tool-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }
}
