package io.github.mssqlk8s.agent.ag;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the children's lines for assertions instead of printing them (a subclass: Quarkus mocks the bean class). */
final class RecordingLineSink extends ConsoleLineSink {

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    @Override
    public void out(String line) {
        out.add(line);
    }

    @Override
    public void err(String line) {
        err.add(line);
    }

    List<String> out() {
        return out;
    }

    List<String> err() {
        return err;
    }
}
