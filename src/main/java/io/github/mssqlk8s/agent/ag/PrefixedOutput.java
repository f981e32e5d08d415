package io.github.mssqlk8s.agent.ag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/** Copies a child's output stream line by line, each line prefixed with {@code [<ag>] }, on its own thread. */
final class PrefixedOutput {

    private PrefixedOutput() {
    }

    static Thread copy(String group, String streamName, InputStream from, Consumer<String> to) {
        String prefix = "[" + group + "] ";
        Thread copier = new Thread(() -> {
            // The child runs with the supervisor's locale, so the default charset reads what it wrote.
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, Charset.defaultCharset()))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    to.accept(prefix + line);
                }
            } catch (IOException closed) {
                // The child is gone and its pipe closed under us: nothing more to copy.
            }
        }, "ag-agent-" + group + "-" + streamName);
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}
