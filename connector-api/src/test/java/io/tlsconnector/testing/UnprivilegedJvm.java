package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a main class in a child JVM as the unprivileged user {@code nobody}, for the checks that root
 * would pass by privilege: a file mode 000 is readable by root, so permission errors (F2) can only be
 * seen from another user. The classes the child needs are copied into a world-readable area first,
 * because the build's own directories (a home under /root) may not be reachable for that user.
 */
public final class UnprivilegedJvm {
    public static final String USER = "nobody";

    private UnprivilegedJvm() {
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Opens {@code directory} (for example a JUnit {@code @TempDir}, created owner-only) to every user,
     * so the child JVM can enter it.
     */
    public static Path worldReadable(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code mainClass} as {@link #USER}, with the code sources of {@code classpath} (each class
     * stands for its jar or classes directory) copied into {@code area}.
     */
    public static ExternalTool.Result run(Path area, Class<?> mainClass, List<Class<?>> classpath, String... arguments) {
        List<String> entries = new ArrayList<>();
        for (Class<?> anchor : classpath) {
            entries.add(copyCodeSource(anchor, area.resolve("cp-" + entries.size())).toString());
        }
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=nogroup", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, entries), mainClass.getName()));
        command.addAll(List.of(arguments));
        return ExternalTool.run(Duration.ofSeconds(60), command);
    }

    private static Path copyCodeSource(Class<?> anchor, Path target) {
        try {
            Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path from : (Iterable<Path>) tree::iterator) {
                        Path to = target.resolve(source.relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(from, to);
                        }
                        openForEveryone(to);
                    }
                }
                return target;
            }
            Files.createDirectories(target);
            openForEveryone(target);
            Path jar = Files.copy(source, target.resolve(source.getFileName()));
            openForEveryone(jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openForEveryone(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
