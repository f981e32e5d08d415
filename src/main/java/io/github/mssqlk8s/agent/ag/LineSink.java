package io.github.mssqlk8s.agent.ag;

/** Where the children's output lines go, already prefixed with their AG. */
public interface LineSink {

    void out(String line);

    void err(String line);
}
