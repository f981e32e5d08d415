package io.github.mssqlk8s.agent.ag;

import jakarta.enterprise.context.ApplicationScoped;

/** The supervisor's own stdout and stderr; {@code println} writes each line whole, so children's lines never mix. */
@ApplicationScoped
public class ConsoleLineSink implements LineSink {

    @Override
    public void out(String line) {
        System.out.println(line);
    }

    @Override
    public void err(String line) {
        System.err.println(line);
    }
}
