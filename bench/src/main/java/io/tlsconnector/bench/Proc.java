package io.tlsconnector.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers over /proc and child processes; every wait is bounded. */
final class Proc {
    /** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** utime+stime of {@code pid} and its live children, in nanoseconds. */
    static long cpuNanos(long pid) {
        long ticks = 0;
        for (long p : withChildren(pid)) {
            ticks += ownTicks(p);
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Resident set of {@code pid} and its children, in KiB. */
    static long rssKib(long pid) {
        long kib = 0;
        for (long p : withChildren(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process went away
            }
        }
        return kib;
    }

    /** utime and stime of {@code pid} and its live children, in nanoseconds: {user, system}. */
    static long[] cpuSplitNanos(long pid) {
        long user = 0;
        long system = 0;
        for (long p : withChildren(pid)) {
            long[] own = ownUserSystemTicks(p);
            user += own[0];
            system += own[1];
        }
        long nanosPerTick = 1_000_000_000L / TICKS_PER_SECOND;
        return new long[] {user * nanosPerTick, system * nanosPerTick};
    }

    /** Voluntary plus involuntary context switches of every thread of {@code pid} and its children. */
    static long contextSwitches(long pid) {
        long switches = 0;
        for (long p : withChildren(pid)) {
            try (var tasks = Files.list(Path.of("/proc/" + p + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.replaceAll("[^0-9]", ""));
                            }
                        }
                    } catch (IOException | RuntimeException threadGone) {
                        // the thread ended while we read
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process went away
            }
        }
        return switches;
    }

    /** The pids of {@code pid} and its live children (nginx: master and worker). */
    static List<Long> family(long pid) {
        return withChildren(pid);
    }

    private static long[] ownUserSystemTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException gone) {
            return new long[] {0, 0};
        }
    }

    private static long ownTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static List<Long> withChildren(long pid) {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String children = Files.readString(task.resolve("children")).trim();
                if (!children.isEmpty()) {
                    for (String c : children.split("\\s+")) {
                        all.addAll(withChildren(Long.parseLong(c)));
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // no children, or the process went away
        }
        return all;
    }

    /**
     * CPU time of the threads of {@code pid} whose name starts with one of {@code prefixes} (e.g. HotSpot's
     * {@code C1 CompilerThre}, {@code C2 CompilerThre}), in nanoseconds: what the JIT itself costs.
     */
    static long threadCpuNanos(long pid, String... prefixes) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    for (String prefix : prefixes) {
                        if (name.startsWith(prefix)) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            break;
                        }
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended while we read
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process went away
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** CPU of the JVM's JIT compiler threads. */
    static long jitCpuNanos(long pid) {
        return threadCpuNanos(pid, "C1 CompilerThre", "C2 CompilerThre");
    }

    /** Runs a command to completion within {@code timeoutSeconds}; returns its standard output. */
    static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return finish(process, command, timeoutSeconds);
    }

    static String finish(Process process, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        process.getOutputStream().close();
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            reader.join(2000);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        reader.join(5000);
        return output.toString(StandardCharsets.UTF_8);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String which(String program) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return program;
    }
}
