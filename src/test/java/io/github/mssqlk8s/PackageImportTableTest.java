package io.github.mssqlk8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package table of docs/design.md ("Packages and who may import whom"), checked over every main source file:
 * a package may use the project's packages its row names, its own subpackages, and nothing else of ours. A row that
 * names "`ha` value types" may use only records, enums and sealed interfaces of {@code ha}, never its rules.
 * The table is read from the document itself, so the document and the code cannot drift apart silently.
 */
class PackageImportTableTest {

    private static final String BASE = "io.github.mssqlk8s";
    private static final Path DESIGN = Path.of("docs/design.md");
    private static final Path SOURCES = Path.of("src/main/java/io/github/mssqlk8s");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.mssqlk8s\\.((?:[a-z]\\w*\\.)*)([A-Z]\\w*)((?:\\.[A-Z]\\w*)*)");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z][\\w.]*)`( value types)?");

    record Row(Set<String> packages, Set<String> mayUse, Set<String> valueTypesOnly, boolean anything) {
    }

    record Use(String sourceFile, String row, String type) {
    }

    @Test
    void everyPackageUsesOnlyWhatItsRowAllows() throws IOException {
        List<Row> table = readTable();
        List<String> outside = new ArrayList<>();
        for (Use use : projectUses()) {
            String fromKey = keyOf(table, packageOf(use.sourceFile()));
            String toKey = keyOf(table, use.row());
            Row from = rowOf(table, fromKey);
            if (from.anything() || sameProgram(from, fromKey, toKey)) {
                continue;
            }
            boolean allowed = from.mayUse().contains(toKey)
                    || from.valueTypesOnly().contains(toKey) && isValueType(use.type());
            if (!allowed) {
                outside.add(use.sourceFile() + " uses " + use.type() + " (row " + toKey + ")");
            }
        }

        assertThat(table).as("rows of the table in " + DESIGN).hasSizeGreaterThanOrEqualTo(10);
        assertThat(outside).as("uses outside the table of " + DESIGN + ": fix the code, or amend the table where the code is right")
                .isEmpty();
    }

    @Test
    void everyMainPackageHasARow() throws IOException {
        List<Row> table = readTable();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> orphans = files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> packageOf(SOURCES.relativize(f).toString()))
                    .filter(p -> !p.isEmpty())
                    .distinct()
                    .filter(p -> keyOf(table, p) == null)
                    .toList();
            assertThat(orphans).as("packages without a row in docs/design.md").isEmpty();
        }
    }

    private static List<Row> readTable() throws IOException {
        List<String> lines = Files.readAllLines(DESIGN);
        int start = lines.indexOf("## Packages and who may import whom");
        assertThat(start).as("the package table's heading in " + DESIGN).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (!line.startsWith("| `") || cells.length < 4) {
                continue;
            }
            Set<String> packages = backticked(cells[1]).keySet();
            Map<String, Boolean> uses = backticked(cells[3]);
            Set<String> mayUse = new TreeSet<>();
            Set<String> valueTypes = new TreeSet<>();
            uses.forEach((name, valueTypesOnly) -> (valueTypesOnly ? valueTypes : mayUse).add(name));
            rows.add(new Row(packages, mayUse, valueTypes, cells[3].trim().equals("anything")));
        }
        return rows;
    }

    private static Map<String, Boolean> backticked(String cell) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            names.put(m.group(1), m.group(2) != null);
        }
        return names;
    }

    /** The listed package that is the longest prefix of the given one: a subpackage lives in its parent's row. */
    private static String keyOf(List<Row> table, String pkg) {
        return table.stream()
                .flatMap(row -> row.packages().stream())
                .filter(p -> pkg.equals(p) || pkg.startsWith(p + "."))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private static Row rowOf(List<Row> table, String key) {
        return table.stream().filter(row -> row.packages().contains(key)).findFirst().orElseThrow();
    }

    /**
     * A package and its listed subpackage (`job` and `job.failover`) are one program; two packages that merely share
     * a row (`agent.ag` and `agent.health`) are not.
     */
    private static boolean sameProgram(Row from, String fromKey, String toKey) {
        return fromKey.equals(toKey) || from.packages().contains(toKey)
                && (fromKey.startsWith(toKey + ".") || toKey.startsWith(fromKey + "."));
    }

    private static List<Use> projectUses() throws IOException {
        List<Use> uses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = SOURCES.relativize(file).toString();
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = REFERENCE.matcher(line);
                    while (m.find()) {
                        String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                        uses.add(new Use(source, pkg, BASE + "." + pkg + "." + m.group(2) + m.group(3)));
                    }
                }
            }
        }
        return uses;
    }

    private static String packageOf(String sourceFile) {
        int slash = sourceFile.lastIndexOf('/');
        return slash < 0 ? "" : sourceFile.substring(0, slash).replace('/', '.');
    }

    /** Records, enums and sealed interfaces are values; classes with behaviour are rules. */
    private static boolean isValueType(String typeName) {
        Optional<Class<?>> type = load(typeName);
        return type.map(t -> t.isRecord() || t.isEnum() || t.isInterface() && t.isSealed()).orElse(false);
    }

    private static Optional<Class<?>> load(String typeName) {
        String binary = typeName;
        while (true) {
            try {
                return Optional.of(Class.forName(binary, false, PackageImportTableTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0 || !Character.isUpperCase(binary.charAt(binary.lastIndexOf('.', dot - 1) + 1))) {
                    return Optional.empty();
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            }
        }
    }
}
