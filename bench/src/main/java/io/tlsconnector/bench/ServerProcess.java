package io.tlsconnector.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A server started in its own process (pinned with taskset when there is a core for it); closing stops it. */
final class ServerProcess implements AutoCloseable {
    /** Logs one INFO line per virtual host naming its engine; every other logger stays at WARN. */
    static final String ENGINE_LOGGER = "io.tlsconnector.internal.engine.HostLoader";

    final ServerKind kind;
    final Process process;
    final int port;
    final Path log;

    private ServerProcess(ServerKind kind, Process process, int port, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    private final java.util.concurrent.BlockingQueue<String> stats = new java.util.concurrent.LinkedBlockingQueue<>();

    long pid() {
        return process.pid();
    }

    /**
     * Bytes the Java server's live threads have allocated on the heap since they started (it answers "stats" on its
     * standard input); NaN for nginx or when the server does not answer within 5 s.
     */
    double allocatedBytes() {
        if (!kind.isJava()) {
            return Double.NaN;
        }
        try {
            stats.clear();
            var in = process.getOutputStream();
            in.write("stats\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            String answer = stats.poll(5, TimeUnit.SECONDS);
            return answer == null ? Double.NaN : Double.parseDouble(answer);
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** nginx's worker (the master's only child); the server itself for the Java servers. */
    long workerPid() {
        if (kind.isJava()) {
            return pid();
        }
        return process.children().findFirst().map(ProcessHandle::pid).orElse(pid());
    }

    /**
     * What our library logged about the engine it chose, e.g. {@code Virtual host 'localhost': BoringSSL engine};
     * empty for the stock servers.
     */
    Optional<String> engineLine() {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains(ENGINE_LOGGER + " - "))
                    .map(l -> l.substring(l.indexOf(ENGINE_LOGGER + " - ") + ENGINE_LOGGER.length() + 3))
                    .filter(l -> l.contains(" engine")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static List<String> pinned(String cores, List<String> command) {
        if (cores == null || !Proc.onPath("taskset")) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cores));
        pinned.addAll(command);
        return pinned;
    }

    static ServerProcess start(ServerKind kind, Certs certs, Path workDir, String cores) throws IOException, InterruptedException {
        return start(kind, certs, workDir, cores, null);
    }

    /** @param jfr where a Java server writes a JFR profile ({@code settings=profile}), or {@code null} for none */
    static ServerProcess start(ServerKind kind, Certs certs, Path workDir, String cores, Path jfr)
            throws IOException, InterruptedException {
        return start(kind, certs, workDir, cores, jfr, List.of());
    }

    /** @param jvmOptions added to a Java server's command line after the fixed heap (ignored for nginx) */
    static ServerProcess start(ServerKind kind, Certs certs, Path workDir, String cores, Path jfr, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path log = workDir.resolve(kind.id() + "-" + certs.keyType() + ".log");
        return kind.isJava() ? startJava(kind, certs, log, cores, jfr, jvmOptions) : startNginx(certs, workDir, log, cores);
    }

    private static ServerProcess startJava(ServerKind kind, Certs certs, Path log, String cores, Path jfr, List<String> jvmOptions)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log." + ENGINE_LOGGER + "=info"));
        jvm.addAll(jvmOptions);
        if (jfr != null) {
            // The profile settings plus every exception thrown (bench/jfr-hot.py counts them per origin).
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath()
                    + ",jdk.JavaExceptionThrow#enabled=true");
        }
        jvm.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "server", kind.id(),
                certs.cert().toString(), certs.key().toString(), certs.keystore().toString()));
        List<String> command = pinned(cores, jvm);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring(10).trim());
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        try {
            int p = port.get(90, TimeUnit.SECONDS);
            if (p <= 0) {
                throw new IOException(kind.id() + " exited before listening; see " + log + ":\n" + tail(log));
            }
            // Keep draining standard output so the server never blocks on it; keep the answers to "stats".
            ServerProcess server = new ServerProcess(kind, process, p, log);
            CompletableFuture.runAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("STATS ")) {
                            server.stats.offer(line.substring(6).trim());
                        }
                    }
                } catch (IOException ignored) {
                    // stopped
                }
            });
            return server;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException(kind.id() + " did not start: " + e + "\n" + tail(log), e);
        }
    }

    private static ServerProcess startNginx(Certs certs, Path workDir, Path log, String cores) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve("nginx-" + certs.keyType()));
        Path big = dir.resolve("big");
        Files.write(big, BenchServer.BIG);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        String conf = """
                %s
                worker_processes 1;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %s/tmp-body;
                    proxy_temp_path %s/tmp-proxy;
                    fastcgi_temp_path %s/tmp-fastcgi;
                    uwsgi_temp_path %s/tmp-uwsgi;
                    scgi_temp_path %s/tmp-scgi;
                    keepalive_requests 10000000;
                    server {
                        listen 127.0.0.1:%d ssl;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        ssl_session_cache shared:SSL:10m;
                        ssl_session_tickets on;
                        location = / { default_type text/plain; return 200 "Hello, TLS!\\n"; }
                        location = /big { default_type text/plain; alias %s; }
                    }
                }
                """.formatted(root ? "user root;" : "", dir, dir, dir, dir, dir, dir, dir, port, certs.cert(), certs.key(), big);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        List<String> command = pinned(cores, List.of(Proc.which("nginx"), "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", confFile.toString(), "-g", "daemon off;"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited: " + tail(log) + tail(dir.resolve("error.log")));
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return new ServerProcess(ServerKind.NGINX, process, port, log);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not listen on " + port + " within 20 s");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (kind.isJava()) {
            try {
                process.getOutputStream().close(); // the server stops when its standard input closes
            } catch (IOException ignored) {
                // already gone
            }
        } else {
            process.destroy(); // SIGTERM: nginx's fast shutdown, the master stops its worker
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
