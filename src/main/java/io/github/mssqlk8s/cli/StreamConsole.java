package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.job.failover.FailoverWorkflow;
import java.io.PrintWriter;

/** Progress lines to standard output, the failure line to standard error, each with its prefix. */
public record StreamConsole(PrintWriter out, PrintWriter err, String stepPrefix, String failurePrefix)
        implements FailoverWorkflow.Console {

    @Override
    public void step(String line) {
        out.println(stepPrefix + line);
        out.flush();
    }

    @Override
    public void failure(String line) {
        err.println(failurePrefix + line);
        err.flush();
    }
}
