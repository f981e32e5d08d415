package io.github.mssqlk8s.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A user's T-SQL script ({@code sqlPostInitScript}), split into batches the way sqlcmd does: at lines holding
 * only {@code GO} (any case, surrounding blanks allowed). Each batch runs on its own, in order; the first failing
 * batch stops the script.
 */
public final class SqlScript {

    private static final Pattern GO_LINE = Pattern.compile("(?i)^\\s*GO\\s*$");

    private final List<String> batches;

    private SqlScript(List<String> batches) {
        this.batches = List.copyOf(batches);
    }

    public static SqlScript parse(String script) {
        List<String> batches = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : (script == null ? "" : script).split("\\R", -1)) {
            if (GO_LINE.matcher(line).matches()) {
                add(batches, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(batches, current);
        return new SqlScript(batches);
    }

    private static void add(List<String> batches, StringBuilder batch) {
        if (!batch.toString().isBlank()) {
            batches.add(batch.toString().strip());
        }
    }

    public List<String> batches() {
        return batches;
    }

    /** Runs every batch; a failure names the batch (1-based) and keeps SQL Server's error number. */
    public void run(SqlSession session) throws SQLException {
        for (int i = 0; i < batches.size(); i++) {
            try {
                session.execute(batches.get(i));
            } catch (SQLException failed) {
                throw new SQLException("batch " + (i + 1) + " of " + batches.size() + ": " + failed.getMessage(),
                        failed.getSQLState(), failed.getErrorCode(), failed);
            }
        }
    }
}
