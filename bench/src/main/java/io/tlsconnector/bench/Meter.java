package io.tlsconnector.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a server spends during one load step: user and system CPU and context switches from /proc, and
 * system calls counted by {@code perf stat -e raw_syscalls:sys_enter} attached to the server's threads
 * (where perf runs; NaN elsewhere). Counting costs the server nothing measurable: the kernel increments
 * a counter per system call.
 */
final class Meter {
    private static final Pattern COUNT = Pattern.compile("^\\s*([0-9]+),[^,]*,raw_syscalls:sys_enter", Pattern.MULTILINE);
    private static volatile Boolean perfWorks;

    private final ServerProcess server;
    private final long pid;
    private final long[] cpu0;
    private final long switches0;
    private final double allocated0;
    private final long jit0;
    private final Process perf;

    /** The step's cost, totals over the step; {@code allocatedBytes} NaN for nginx. */
    record Reading(long userNanos, long systemNanos, long contextSwitches, double syscalls, double allocatedBytes, long jitNanos) {
        long cpuNanos() {
            return userNanos + systemNanos;
        }

        /** The server's CPU without its JIT compiler threads': what the same work costs once compiling is over. */
        long cpuNanosWithoutJit() {
            return cpuNanos() - jitNanos;
        }
    }

    private Meter(ServerProcess server, Process perf) {
        this.server = server;
        this.pid = server.pid();
        this.perf = perf;
        this.allocated0 = server.allocatedBytes();
        this.jit0 = Proc.jitCpuNanos(pid);
        this.cpu0 = Proc.cpuSplitNanos(pid);
        this.switches0 = Proc.contextSwitches(pid);
    }

    static Meter start(ServerProcess server) throws IOException {
        return new Meter(server, perfAvailable() ? startPerf(server.pid()) : null);
    }

    Reading stop() throws IOException, InterruptedException {
        long[] cpu1 = Proc.cpuSplitNanos(pid);
        long switches1 = Proc.contextSwitches(pid);
        long jit = Proc.jitCpuNanos(pid) - jit0;
        double allocated = server.allocatedBytes() - allocated0;
        double syscalls = Double.NaN;
        if (perf != null) {
            // perf stat prints its counts when interrupted.
            new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (perf.waitFor(10, TimeUnit.SECONDS)) {
                String out = new String(perf.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = COUNT.matcher(out);
                if (m.find()) {
                    syscalls = Long.parseLong(m.group(1));
                }
            } else {
                perf.destroyForcibly();
            }
        }
        return new Reading(cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], switches1 - switches0, syscalls, allocated, jit);
    }

    private static Process startPerf(long pid) throws IOException {
        String pids = Proc.family(pid).stream().map(String::valueOf).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of("perf", "stat", "-x", ",", "-e", "raw_syscalls:sys_enter", "-p", pids));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(50); // attached before the load starts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process;
    }

    /** True when {@code perf stat} can count this machine's system calls (perf installed, tracepoints readable). */
    static boolean perfAvailable() {
        Boolean works = perfWorks;
        if (works == null) {
            works = false;
            if (Proc.onPath("perf")) {
                try {
                    String out = Proc.run(List.of("perf", "stat", "-x", ",", "-e", "raw_syscalls:sys_enter", "--", "true"), 20);
                    works = COUNT.matcher(out).find();
                } catch (IOException | RuntimeException e) {
                    works = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            perfWorks = works;
        }
        return works;
    }
}
