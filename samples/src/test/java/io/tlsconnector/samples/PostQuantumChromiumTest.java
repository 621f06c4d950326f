package io.tlsconnector.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.TestPki;

/**
 * A real headless Chromium negotiates the post-quantum hybrid X25519MLKEM768 with each sample on its
 * default engine, BoringSSL (issue 16), as Chromium's own net log and the sample's handshake DEBUG line
 * both say. Each sample runs as its own process, so its logging can turn the handshake line on.
 */
class PostQuantumChromiumTest {
    static final String NAME = "pq.example";
    /** X25519MLKEM768's TLS group id (IANA), as Chromium's net log writes it. */
    static final int X25519_MLKEM768 = 0x11EC;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void chromiumNegotiatesX25519Mlkem768WithTheSampleOnBoringSsl(String container) throws Exception {
        ExternalTool.require("chromium");
        TestPki.Issued cert = TestPki.create().issueServer(NAME, NAME);
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.io.tlsconnector.diag.HandshakeLog=debug",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.tlsconnector.samples.Main", container, "--host", "127.0.0.1", "--port", "0", "--server-name", NAME,
                "--cert", cert.writeFullChain(dir, "server").toString(), "--key", cert.writeKey(dir, "server").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Matcher serving = await(server, log, Pattern.compile("Serving https://127\\.0\\.0\\.1:(\\d+)/"), Duration.ofSeconds(60));
            assertThat(Files.readAllLines(log)).as("the start-up log names the host's engine")
                    .anyMatch(line -> line.endsWith("Virtual host '" + NAME + "': BoringSSL (netty-tcnative) engine"));

            Path netLog = dir.resolve("netlog.json");
            chromium("https://" + NAME + ":" + serving.group(1) + "/printenv", netLog);
            assertThat(keyExchangeGroups(Files.readString(netLog))).as("key_exchange_group of each SSL_CONNECT in %s", netLog)
                    .isNotEmpty().containsOnly(X25519_MLKEM768);

            Matcher handshake = await(server, log, Pattern.compile(".*DEBUG HandshakeLog - TLS handshake client=.*"), Duration.ofSeconds(10));
            assertThat(handshake.group()).contains("sni=" + NAME, "vhost=" + NAME, "protocol=TLSv1.3", "group=X25519MLKEM768");
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Loads {@code url} in headless Chromium, writing its net log with every TLS detail to {@code netLog}. */
    private void chromium(String url, Path netLog) throws IOException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--ignore-certificate-errors", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP " + NAME + " 127.0.0.1",
                "--log-net-log=" + netLog, "--net-log-capture-mode=Everything", "--dump-dom", url));
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(90), null, command);
        assertThat(result.stdout()).as("chromium --dump-dom output; stderr:\n%s", result.stderr()).contains("ssl-variables");
    }

    /**
     * The {@code key_exchange_group} of every completed SSL_CONNECT event (-1 for one without, a failed
     * handshake). Chromium writes one event a line with its keys sorted, so the event's own {@code type}
     * (the number the log's constants give SSL_CONNECT) ends the line.
     */
    static List<Integer> keyExchangeGroups(String netLog) {
        Matcher constant = Pattern.compile("\"SSL_CONNECT\":(\\d+)").matcher(netLog);
        assertThat(constant.find()).as("the net log's constants name SSL_CONNECT").isTrue();
        Pattern connectEnd = Pattern.compile("\"phase\":2,.*\"type\":" + constant.group(1) + "},?$");
        Pattern group = Pattern.compile("\"key_exchange_group\":(\\d+)");
        List<Integer> groups = new ArrayList<>();
        for (String line : netLog.lines().toList()) {
            if (connectEnd.matcher(line).find()) {
                Matcher g = group.matcher(line);
                groups.add(g.find() ? Integer.parseInt(g.group(1)) : -1);
            }
        }
        return groups;
    }

    /** The first match of {@code wanted} in the log, waiting while the server runs; fails with the log after {@code limit}. */
    private static Matcher await(Process server, Path log, Pattern wanted, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = wanted.matcher(text);
            if (m.find()) {
                return m;
            }
            assertThat(server.isAlive()).as("sample still running; its log:\n%s", text).isTrue();
            assertThat(System.nanoTime()).as("%s within %s; the sample's log:\n%s", wanted, limit, text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
