package io.github.mssqlk8s.sim;

/**
 * One column of a result set.
 *
 * @param length    for (N)VARCHAR/VARBINARY the declared length in characters/bytes; -1 for MAX
 * @param precision for DECIMAL/NUMERIC (LSNs are numeric(25,0)); fractional-second digits for DATETIME2/DATETIMEOFFSET
 * @param scale     for DECIMAL/NUMERIC
 */
public record SimColumn(String name, SqlType type, int length, int precision, int scale, boolean nullable) {

    public static SimColumn of(String name, SqlType type) {
        return switch (type) {
            case NVARCHAR, VARCHAR -> new SimColumn(name, type, 4000, 0, 0, true);
            case VARBINARY -> new SimColumn(name, type, 8000, 0, 0, true);
            case DECIMAL -> new SimColumn(name, type, 0, 25, 0, true);
            case DATETIME2, DATETIMEOFFSET -> new SimColumn(name, type, 0, 7, 0, true);
            default -> new SimColumn(name, type, 0, 0, 0, true);
        };
    }

    public static SimColumn max(String name, SqlType type) {
        return new SimColumn(name, type, -1, 0, 0, true);
    }
}
