package io.github.mssqlk8s.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process as the kernel counts them (what a container's limits are charged). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS from {@code /proc/<pid>/status}, in KiB. */
    static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the memory of process " + pid + " (Linux /proc needed)", unreadable);
        }
        throw new IllegalStateException("no VmRSS line for process " + pid);
    }

    /** User plus system CPU time the process used so far, from {@code /proc/<pid>/stat} (Linux, 100 ticks a second). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, unreadable);
        }
    }

    /** The machine's 1-minute load average, from {@code /proc/loadavg}. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the load average (Linux /proc needed)", unreadable);
        }
    }

    static double mib(long kib) {
        return kib / 1024.0;
    }
}
