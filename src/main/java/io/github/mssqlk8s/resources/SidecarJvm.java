package io.github.mssqlk8s.resources;

import java.util.List;

/**
 * JVM options of the agent containers: the health agent, the AG agent supervisor and the supervisor's ag-agent
 * children (a child inherits the supervisor's environment, so the same {@code JAVA_OPTS} reaches it). Chosen and
 * measured with {@code scripts/bench agents}; the figures are in README.
 */
public final class SidecarJvm {

    /** The class-data-sharing archive the image builds; a JVM given a missing archive just starts without it. */
    public static final String IMAGE_CDS_ARCHIVE = "/opt/mssql-k8s-agents/app-cds.jsa";

    /** What the agent containers get as {@code JAVA_OPTS}, read by the image's launcher. */
    public static final String OPTIONS = String.join(" ", options(IMAGE_CDS_ARCHIVE));

    private SidecarJvm() {
    }

    /** The options with the given class-data-sharing archive (benchmarks use one made on the local JVM). */
    public static List<String> options(String cdsArchive) {
        return List.of(
                // One GC thread and no concurrent GC machinery: the agents keep ~10 MB of live objects.
                "-XX:+UseSerialGC",
                // C1 only, one compiler thread: the agents wait on I/O; C2's threads and code cost memory and CPU.
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                // Compile only what runs often (ten times C1's thresholds): the code cache stays at ~4 MB, not ~9 MB.
                "-XX:Tier3InvocationThreshold=2000",
                "-XX:Tier3MinInvocationThreshold=1000",
                "-XX:Tier3CompileThreshold=20000",
                "-XX:Tier3BackEdgeThreshold=600000",
                // The agent containers have no CPU limit, so the JVM would size its pools (event loops, compiler,
                // fork-join) for every core of the node; two are plenty for processes that wait on I/O.
                "-XX:ActiveProcessorCount=2",
                "-Xss512k",
                // A fixed heap, not a share of the container limit: the supervisor's children share its limit.
                "-Xmx96m",
                // A small young generation, and a heap given back when mostly free: ~15 MB committed, not ~25.
                "-Xmn4m",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:SharedArchiveFile=" + cdsArchive,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }
}
