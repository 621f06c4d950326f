package io.tlsconnector.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache httpd with mod_ssl (Debian's {@code apache2}) on 127.0.0.1 and an ephemeral port,
 * with its own minimal configuration under a test's directory and a CGI at {@code /cgi-bin/env.cgi}
 * (and {@code /legacy/env.cgi}, with {@code SSLOptions +LegacyDNStringFormat}) that prints its
 * environment as JSON, like the golden capture's printenv CGI.
 */
public final class ApacheHttpd implements AutoCloseable {
    private static final String ENV_CGI = """
            #!/usr/bin/perl
            use strict;
            use warnings;
            require JSON::PP;
            print "Content-Type: application/json\\r\\n\\r\\n";
            print JSON::PP->new->canonical(1)->pretty->encode({%ENV});
            """;

    private final Process process;
    private final int port;
    private final Path errorLog;

    private ApacheHttpd(Process process, int port, Path errorLog) {
        this.process = process;
        this.port = port;
        this.errorLog = errorLog;
    }

    /**
     * Starts httpd serving one TLS virtual host.
     *
     * @param dir              an empty directory for the configuration, CGI and run files
     * @param vhostDirectives  mod_ssl directives inside the {@code <VirtualHost>} (certificates, SSLVerifyClient, SSLOptions...)
     */
    public static ApacheHttpd start(Path dir, String vhostDirectives) {
        Path httpd = ExternalTool.require("apache2");
        ExternalTool.require("perl");
        Path setsid = ExternalTool.require("setsid");
        try {
            Path cgi = Files.createDirectories(dir.resolve("cgi-bin"));
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(cgi.resolve("env.cgi"), ENV_CGI, StandardCharsets.UTF_8);
            // The CGI runs as www-data when httpd starts as root: it must reach and run the script.
            for (Path p : List.of(dir, cgi)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            // ...including the test's temporary directories above it (JUnit creates them owner-only).
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path p = dir.toAbsolutePath().getParent(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
                Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(p));
                permissions.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(p, permissions);
            }
            Files.setPosixFilePermissions(cgi.resolve("env.cgi"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path conf = dir.resolve("httpd.conf");
                Path errorLog = dir.resolve("error.log");
                Files.writeString(conf, config(dir, port, vhostDirectives), StandardCharsets.UTF_8);
                // Its own session: on shutdown prefork httpd signals its whole process group, which
                // would otherwise include this JVM and the build that started it.
                Process process = new ProcessBuilder(setsid.toString(), httpd.toString(), "-f", conf.toString(), "-DFOREGROUND")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("httpd.out").toFile()).start();
                ApacheHttpd server = new ApacheHttpd(process, port, errorLog);
                if (server.awaitListening()) {
                    return server;
                }
                server.close();
                if (attempt == 3) {
                    fail("apache2 did not start on 127.0.0.1:" + port + "; config " + conf + "\n" + read(dir.resolve("httpd.out"))
                            + "\n" + read(errorLog));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts httpd on a configuration of the test's own, which loads its modules, names {@code dir} for its run
     * files ({@code PidFile}, {@code ErrorLog dir/error.log}) and listens on {@code port} of 127.0.0.1.
     */
    public static ApacheHttpd startConfiguration(Path dir, Path conf, int port) {
        Path httpd = ExternalTool.require("apache2");
        Path setsid = ExternalTool.require("setsid");
        try {
            Process process = new ProcessBuilder(setsid.toString(), httpd.toString(), "-f", conf.toString(), "-DFOREGROUND")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("httpd.out").toFile()).start();
            ApacheHttpd server = new ApacheHttpd(process, port, dir.resolve("error.log"));
            if (!server.awaitListening()) {
                server.close();
                fail("apache2 did not start on 127.0.0.1:" + port + "; config " + conf + "\n" + read(dir.resolve("httpd.out"))
                        + "\n" + read(dir.resolve("error.log")));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directives a configuration for {@link #startConfiguration} starts with: modules, run files, the user for CGI. */
    public static String preamble(Path dir, String... modules) {
        boolean root = "root".equals(System.getProperty("user.name"));
        StringBuilder conf = new StringBuilder("ServerRoot \"/etc/apache2\"\nDefaultRuntimeDir \"" + dir + "\"\nPidFile \"" + dir
                + "/httpd.pid\"\nErrorLog \"" + dir + "/error.log\"\nLogLevel warn\nServerName localhost\n"
                + (root ? "User www-data\nGroup www-data\n" : "")
                + "StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxRequestWorkers 4\n");
        for (String module : modules) {
            conf.append("LoadModule ").append(module).append("_module /usr/lib/apache2/modules/mod_").append(module).append(".so\n");
        }
        return conf.toString();
    }

    /**
     * Lets httpd's worker user (www-data when the tests run as root) reach {@code dir}: it and the test's
     * temporary directories above it (JUnit creates them owner-only) become traversable by others.
     */
    public static void openToHttpd(Path dir) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
                Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(p));
                permissions.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(p, permissions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port on 127.0.0.1 (for a configuration written before the server starts). */
    public static int freeLocalPort() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir, int port, String vhostDirectives) {
        boolean root = "root".equals(System.getProperty("user.name"));
        String modules = "/usr/lib/apache2/modules";
        return "Define D \"" + dir + "\"\n"
                + "ServerRoot \"/etc/apache2\"\n"
                + "DefaultRuntimeDir \"${D}/run\"\n"
                + "PidFile \"${D}/run/httpd.pid\"\n"
                + "ErrorLog \"${D}/error.log\"\n"
                + "LogLevel warn\n"
                + "ServerName localhost\n"
                + (root ? "User www-data\nGroup www-data\n" : "")
                + "Listen 127.0.0.1:" + port + " https\n"
                + "LoadModule mpm_prefork_module " + modules + "/mod_mpm_prefork.so\n"
                + "LoadModule authz_core_module " + modules + "/mod_authz_core.so\n"
                + "LoadModule alias_module " + modules + "/mod_alias.so\n"
                + "LoadModule cgi_module " + modules + "/mod_cgi.so\n"
                + "LoadModule setenvif_module " + modules + "/mod_setenvif.so\n"
                + "LoadModule socache_shmcb_module " + modules + "/mod_socache_shmcb.so\n"
                + "LoadModule ssl_module " + modules + "/mod_ssl.so\n"
                + "StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxRequestWorkers 4\n"
                + "SSLSessionCache \"shmcb:${D}/run/ssl_scache(512000)\"\n"
                + "<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
                + "<Directory \"${D}/cgi-bin\">\n  Options +ExecCGI\n  Require all granted\n</Directory>\n"
                + "<VirtualHost 127.0.0.1:" + port + ">\n"
                + "  ServerName localhost\n"
                + "  SSLEngine on\n"
                + vhostDirectives.indent(2)
                + "  ScriptAlias /cgi-bin/ \"${D}/cgi-bin/\"\n"
                + "  ScriptAlias /legacy/ \"${D}/cgi-bin/\"\n"
                + "  <Location /legacy/>\n    SSLOptions +LegacyDNStringFormat\n  </Location>\n"
                + "</VirtualHost>\n";
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    /** httpd's error log so far, for failure messages. */
    public String errorLog() {
        return read(errorLog);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(" + file + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
