package io.github.mssqlk8s.ha;

import java.util.Comparator;

/**
 * {@code SERVERPROPERTY('ProductVersion')}, e.g. {@code 16.0.4135.4} (major, minor, build, revision). A replica on a
 * newer version cannot send log to one on an older version, which is what the rollout order guards (contract §1).
 */
public record SqlServerVersion(int major, int minor, int build, int revision) implements Comparable<SqlServerVersion> {

    private static final Comparator<SqlServerVersion> ORDER = Comparator.comparingInt(SqlServerVersion::major)
            .thenComparingInt(SqlServerVersion::minor)
            .thenComparingInt(SqlServerVersion::build)
            .thenComparingInt(SqlServerVersion::revision);

    /** Parses {@code 16.0.4135.4} (missing parts are 0); null for null or blank. */
    public static SqlServerVersion parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] p = text.trim().split("\\.");
        if (p.length > 4) {
            throw new IllegalArgumentException("not a SQL Server version: " + text);
        }
        try {
            int[] n = new int[4];
            for (int i = 0; i < p.length; i++) {
                n[i] = Integer.parseInt(p[i]);
            }
            return new SqlServerVersion(n[0], n[1], n[2], n[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a SQL Server version: " + text, e);
        }
    }

    @Override
    public int compareTo(SqlServerVersion other) {
        return ORDER.compare(this, other);
    }

    public boolean isOlderThan(SqlServerVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + revision;
    }
}
