package io.github.mssqlk8s.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One benchmark's figures: a table printed as Markdown and written as JSON, with notes and the charts drawn. */
final class BenchTable {

    private final String id;
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> charts = new ArrayList<>();

    BenchTable(String id, String title, String... columns) {
        this.id = id;
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Numbers stay numbers in the JSON; the printed table rounds them. */
    BenchTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(id + ": " + cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    BenchTable note(String note) {
        notes.add(note);
        return this;
    }

    BenchTable chart(Path file) {
        charts.add(file.toString());
        return this;
    }

    String id() {
        return id;
    }

    void print(PrintStream out) {
        out.println();
        out.println("## " + title);
        out.println("| " + String.join(" | ", columns) + " |");
        out.println("|" + "---|".repeat(columns.size()));
        for (List<Object> row : rows) {
            out.println("| " + String.join(" | ", row.stream().map(BenchTable::format).toList()) + " |");
        }
        notes.forEach(note -> out.println("- " + note));
        charts.forEach(chart -> out.println("- chart: " + chart));
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("title", title);
        List<Map<String, Object>> jsonRows = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> jsonRow = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                jsonRow.put(columns.get(i), row.get(i));
            }
            jsonRows.add(jsonRow);
        }
        json.put("rows", jsonRows);
        json.put("notes", notes);
        json.put("charts", charts);
        return json;
    }

    private static String format(Object cell) {
        if (cell instanceof Double value) {
            return value.isNaN() ? "–" : String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
        }
        return String.valueOf(cell);
    }
}
