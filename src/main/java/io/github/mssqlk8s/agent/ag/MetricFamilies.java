package io.github.mssqlk8s.agent.ag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges Prometheus text expositions (format 0.0.4) into one, as the supervisor serves its own meters and its
 * children's: each metric family once — Prometheus rejects a scrape that declares a family twice — with the HELP
 * and TYPE of the first exposition that declares them and the samples of all, families in the order first seen.
 * A later exposition that gives a family another TYPE has that family's samples dropped (they would not parse
 * under the first), and so has a series (name and labels) already taken. Other comments are dropped.
 */
final class MetricFamilies {

    /** The sample names of a family {@code x}: {@code x} itself, and a histogram's or summary's parts. */
    private static final List<String> SAMPLE_SUFFIXES = List.of("", "_bucket", "_sum", "_count");

    private MetricFamilies() {
    }

    static String merge(List<String> expositions) {
        Map<String, Family> families = new LinkedHashMap<>();
        for (String exposition : expositions) {
            Family current = null;
            Set<Family> conflicting = new HashSet<>();
            for (String line : exposition.split("\r?\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    String[] comment = line.split(" ", 4);
                    boolean help = comment.length >= 3 && comment[1].equals("HELP");
                    boolean type = comment.length == 4 && comment[1].equals("TYPE");
                    if (help || type) {
                        current = families.computeIfAbsent(comment[2], Family::new);
                        String text = comment.length == 4 ? comment[3] : "";
                        if (help && current.help == null) {
                            current.help = text;
                        } else if (type && current.type == null) {
                            current.type = text;
                        } else if (type && !current.type.equals(text)) {
                            conflicting.add(current);
                        }
                    }
                    continue;
                }
                String name = sampleName(line);
                if (current == null || !belongsTo(name, current.name)) {
                    current = families.computeIfAbsent(name, Family::new);
                }
                if (!conflicting.contains(current) && current.series.add(seriesOf(line, name.length()))) {
                    current.samples.add(line);
                }
            }
        }
        StringBuilder merged = new StringBuilder();
        families.values().forEach(family -> family.appendTo(merged));
        return merged.toString();
    }

    private static String sampleName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }

    private static boolean belongsTo(String sampleName, String familyName) {
        return SAMPLE_SUFFIXES.stream().anyMatch(suffix -> sampleName.equals(familyName + suffix));
    }

    /** The sample's name and labels: what makes it one series. Label values may hold braces, spaces and quotes. */
    private static String seriesOf(String line, int nameEnd) {
        if (nameEnd >= line.length() || line.charAt(nameEnd) != '{') {
            return line.substring(0, nameEnd);
        }
        boolean quoted = false;
        for (int i = nameEnd + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return line.substring(0, i + 1);
            }
        }
        return line;
    }

    private static final class Family {
        private final String name;
        private final List<String> samples = new ArrayList<>();
        private final Set<String> series = new HashSet<>();
        private String help;
        private String type;

        private Family(String name) {
            this.name = name;
        }

        private void appendTo(StringBuilder out) {
            if (help != null) {
                out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            }
            if (type != null) {
                out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            }
            samples.forEach(sample -> out.append(sample).append('\n'));
        }
    }
}
