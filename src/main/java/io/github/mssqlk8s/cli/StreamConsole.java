package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.job.failover.FailoverWorkflow;
import java.io.PrintWriter;

/** Progress lines to standard output, the failure line to standard error, each with the command's prefix. */
record StreamConsole(PrintWriter out, PrintWriter err, String prefix) implements FailoverWorkflow.Console {

    @Override
    public void step(String line) {
        out.println(prefix + line);
        out.flush();
    }

    @Override
    public void failure(String line) {
        err.println(prefix + line);
        err.flush();
    }
}
