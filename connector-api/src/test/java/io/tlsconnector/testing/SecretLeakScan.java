package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Runs after a module's whole test suite (its own surefire execution, bound after the tests; see the
 * module's pom) and scans every log the suite produced for every pass-phrase the tests used (F13):
 * surefire keeps each test class's output (the SLF4J simple logger writes to standard error, at
 * DEBUG for {@code io.tlsconnector} via {@code simplelogger.properties}) in
 * {@code target/surefire-reports/*-output.txt} and the XML reports. Not named {@code *Test}, so the
 * normal test run never picks it up.
 *
 * <p>To be honest about what it proves, it first checks that there is something to scan: pass-phrases
 * were registered, the reports exist and hold the library's own log lines.
 */
public class SecretLeakScan {
    static final Path REPORTS = Path.of("target", "surefire-reports");

    @Test
    void noPassPhraseUsedByTheTestSuiteAppearsInItsLogs() throws IOException {
        List<String> secrets = TestSecrets.registered();
        assertThat(secrets).as("pass-phrases registered by the suite in %s", TestSecrets.REGISTRY.toAbsolutePath()).isNotEmpty();
        assertThat(REPORTS).as("the suite's reports").isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPORTS)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("report files in %s", REPORTS.toAbsolutePath())
                .anyMatch(f -> f.getFileName().toString().endsWith("-output.txt"));
        long libraryLogLines = 0;
        for (Path file : files) {
            libraryLogLines += Files.readString(file, StandardCharsets.UTF_8).lines().filter(line -> line.contains(" io.tlsconnector.")).count();
        }
        List<String> leaks = leaks(secrets, files);
        assertThat(libraryLogLines).as("log lines of io.tlsconnector loggers in the reports (is the logger writing there?)")
                .isPositive();
        assertThat(leaks).as("pass-phrases found in the test logs").isEmpty();
    }

    /** No private key, in any PEM form, reaches a log line, an exception message or a report (issue: secrets). */
    @Test
    void noPrivateKeyAppearsInTheLogs() throws IOException {
        assertThat(REPORTS).as("the suite's reports").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(REPORTS)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                if (text.contains("PRIVATE KEY-----")) {
                    found.add(file.toString());
                }
            }
        }
        assertThat(found).as("report files holding a PEM private key").isEmpty();
    }

    /**
     * One line per file that contains a secret, naming the secret by its label only (the part before
     * its random tail), so this report does not leak it either.
     */
    public static List<String> leaks(List<String> secrets, List<Path> files) throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(file + " contains the pass-phrase registered as " + secret.substring(0, secret.lastIndexOf('-')) + "-…");
                }
            }
        }
        return leaks;
    }
}
