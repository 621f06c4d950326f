package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** curl fetching a JSON page of variables (printenv-style), the way the golden capture did. */
public final class Curl {
    private Curl() {
    }

    /** GETs {@code url} with {@code options} (e.g. {@code --cacert}, {@code --cert}) and parses the JSON body. */
    public static Map<String, String> json(String url, List<String> options) {
        List<String> command = command(url, options);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, command);
        assertThat(result.exitCode()).as("%s\n%s", String.join(" ", command), result.all()).isZero();
        try {
            return FlatJson.parse(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new AssertionError(url + " did not answer with a JSON object of variables:\n" + result.stdout(), e);
        }
    }

    /** Asserts that curl's TLS handshake with {@code url} fails with a handshake_failure alert (no shared cipher). */
    public static void assertHandshakeFailure(String url, List<String> options) {
        List<String> command = command(url, options);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, command);
        assertThat(result.exitCode()).as("%s\n%s", String.join(" ", command), result.all()).isEqualTo(35);
        assertThat(result.stderr()).contains("alert handshake failure");
    }

    private static List<String> command(String url, List<String> options) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        command.addAll(options);
        command.add(url);
        return command;
    }
}
