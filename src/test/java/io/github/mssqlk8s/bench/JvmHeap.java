package io.github.mssqlk8s.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Live heap of another JVM: a full GC through {@code jcmd}, then the used size of every generation. */
final class JvmHeap {

    private static final Pattern USED = Pattern.compile("(?:generation|space|region)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private JvmHeap() {
    }

    /** KiB of heap still in use after a full collection; the process keeps running. */
    static long liveKibAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = USED.matcher(info);
        long total = 0;
        boolean found = false;
        while (used.find()) {
            total += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info.lines().findFirst().orElse(""));
        }
        return total;
    }

    /** The classes taking the most heap (after a full GC), as {@code jcmd GC.class_histogram} prints them. */
    static String histogram(long pid, int lines) throws IOException, InterruptedException {
        return jcmd(pid, "GC.class_histogram").lines().limit(lines + 3L).reduce("", (a, b) -> a + b + "\n");
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output.strip());
        }
        return output;
    }
}
