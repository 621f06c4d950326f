package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What this process holds, read from {@code /proc/self}: open file descriptors and live threads. */
public record ProcessResources(long fileDescriptors, long threads) {
    public static ProcessResources now() {
        return new ProcessResources(count(Path.of("/proc/self/fd")), count(Path.of("/proc/self/task")));
    }

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
