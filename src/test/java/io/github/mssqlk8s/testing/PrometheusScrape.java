package io.github.mssqlk8s.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition (format 0.0.4) read as Prometheus would: it fails on what Prometheus rejects — a
 * family declared twice, a sample of a declared family after another family began, a malformed line or value, a
 * series given twice — and gives each series ({@code name{labels}} as written) its value.
 */
public final class PrometheusScrape {

    private static final Pattern DECLARATION = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)( .*)?");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)( -?\\d+)?");
    private static final List<String> SAMPLE_SUFFIXES = List.of("", "_bucket", "_sum", "_count");

    private final Map<String, Double> series = new LinkedHashMap<>();

    private PrometheusScrape() {
    }

    public static PrometheusScrape parse(String exposition) {
        PrometheusScrape scrape = new PrometheusScrape();
        Set<String> declared = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String family = null;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher declaration = DECLARATION.matcher(line);
            if (declaration.matches()) {
                String name = declaration.group(2);
                if (!declared.add(declaration.group(1) + " " + name)) {
                    throw new AssertionError("# " + declaration.group(1) + " of " + name + " appears twice");
                }
                family = enter(family, name, finished);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            String name = sample.group(1);
            family = enter(family, belongsTo(name, family) ? family : name, finished);
            String key = name + (sample.group(2) == null ? "" : sample.group(2));
            if (scrape.series.put(key, value(sample.group(3), line)) != null) {
                throw new AssertionError("series given twice: " + key);
            }
        }
        return scrape;
    }

    private static boolean belongsTo(String sampleName, String family) {
        return family != null && SAMPLE_SUFFIXES.stream().anyMatch(suffix -> sampleName.equals(family + suffix));
    }

    /** The family {@code name} begins or goes on; one that was left before may not come back. */
    private static String enter(String current, String name, Set<String> finished) {
        if (name.equals(current)) {
            return current;
        }
        if (current != null) {
            finished.add(current);
        }
        if (finished.contains(name)) {
            throw new AssertionError("the samples of " + name + " are not together");
        }
        return name;
    }

    private static double value(String text, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException notANumber) {
                    throw new AssertionError("not a value in: " + line);
                }
            }
        };
    }

    /** Every series, {@code name{labels}} as written, with its value. */
    public Map<String, Double> series() {
        return series;
    }

    /** The series whose text (name and labels) contains every one of {@code parts}. */
    public Map<String, Double> seriesWith(String... parts) {
        Map<String, Double> matching = new LinkedHashMap<>();
        series.forEach((key, value) -> {
            if (List.of(parts).stream().allMatch(key::contains)) {
                matching.put(key, value);
            }
        });
        return matching;
    }
}
