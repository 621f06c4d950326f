package io.tlsconnector.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;

/**
 * The mod_ssl golden capture in {@code ../shared/fixtures/modssl-golden} beside the repository
 * (Apache httpd 2.4.71 + mod_ssl + OpenSSL 3.0.19). Missing fixtures skip a test locally, with the
 * reason, and fail it under {@code CI=true}.
 */
public final class GoldenFixtures {
    private GoldenFixtures() {
    }

    /** The {@code modssl-golden} directory. */
    public static Path dir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("connector-api"))) {
                Path golden = d.resolveSibling("shared").resolve("fixtures").resolve("modssl-golden");
                if (Files.isDirectory(golden.resolve("out")) && Files.isDirectory(golden.resolve("certs"))) {
                    return golden.normalize();
                }
                missing("the golden fixtures are not at " + golden.normalize()
                        + " (expected ../shared/fixtures/modssl-golden beside the repository, as CI clones it)");
            }
        }
        missing("no repository root (a directory containing connector-api) above " + start);
        return null; // not reached
    }

    public static Path certificate(String name) {
        return dir().resolve("certs").resolve(name);
    }

    /** The variables mod_ssl exported in one captured scenario ({@code out/<name>.curl.json}). */
    public static Map<String, String> capturedEnvironment(String scenario) {
        try {
            return FlatJson.parse(Files.readString(dir().resolve("out").resolve(scenario + ".curl.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The variables of a captured openssl s_client scenario ({@code out/<name>.s_client-body.txt}, the
     * CGI's {@code NAME=value} lines; a PEM value spans lines up to its END line and ends with a newline).
     */
    public static Map<String, String> capturedSClientEnvironment(String scenario) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir().resolve("out").resolve(scenario + ".s_client-body.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            StringBuilder value = new StringBuilder(line.substring(eq + 1));
            if (value.toString().startsWith("-----BEGIN CERTIFICATE-----")) {
                while (i + 1 < lines.size() && !lines.get(i).startsWith("-----END CERTIFICATE-----")) {
                    value.append('\n').append(lines.get(++i));
                }
                value.append('\n');
                i++; // the empty line the value's own final newline leaves
            }
            values.put(line.substring(0, eq), value.toString());
        }
        return values;
    }

    private static void missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + reason);
        }
        Assumptions.abort(reason);
    }
}
