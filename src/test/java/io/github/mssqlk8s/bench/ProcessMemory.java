package io.github.mssqlk8s.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process as the kernel counts it (what a container's memory limit is charged). */
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

    static double mib(long kib) {
        return kib / 1024.0;
    }
}
