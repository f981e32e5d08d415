package io.github.mssqlk8s.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@code scripts/bench}: benchmark names, then {@code --name value} settings. */
record BenchOptions(List<String> benchmarks, Map<String, String> settings) {

    static BenchOptions parse(String... args) {
        List<String> names = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                settings.put(args[i].substring(2), args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        return new BenchOptions(List.copyOf(names), Map.copyOf(settings));
    }

    int intSetting(String name, int fallback) {
        String value = settings.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }
}
