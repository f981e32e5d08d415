package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SqlType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** Comparison and conversion of the Java values that stand for SQL values. */
final class Values {

    private Values() {
    }

    static SqlType typeOf(Object v) {
        if (v instanceof Integer) {
            return SqlType.INT;
        }
        if (v instanceof Long) {
            return SqlType.BIGINT;
        }
        if (v instanceof Short) {
            return SqlType.SMALLINT;
        }
        if (v instanceof Boolean) {
            return SqlType.BIT;
        }
        if (v instanceof byte[]) {
            return SqlType.VARBINARY;
        }
        if (v instanceof BigDecimal) {
            return SqlType.DECIMAL;
        }
        if (v instanceof LocalDateTime) {
            return SqlType.DATETIME2;
        }
        if (v instanceof OffsetDateTime) {
            return SqlType.DATETIMEOFFSET;
        }
        return v instanceof UUID ? SqlType.UNIQUEIDENTIFIER : SqlType.NVARCHAR;
    }

    static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    static BigDecimal toDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(v.toString().trim());
    }

    /** SQL comparison (case-insensitive strings, as the default collation); null when either side is NULL. */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (isNumeric(a) || isNumeric(b)) {
            try {
                return toDecimal(a).compareTo(toDecimal(b));
            } catch (NumberFormatException e) {
                return a.toString().compareToIgnoreCase(b.toString());
            }
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compare(x, y);
        }
        if (a instanceof UUID || b instanceof UUID) {
            return a.toString().compareToIgnoreCase(b.toString());
        }
        if (a instanceof Comparable<?> && a.getClass() == b.getClass() && !(a instanceof String)) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) a;
            return c.compareTo(b);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    static boolean equal(Object a, Object b) {
        Integer c = compare(a, b);
        return c != null && c == 0;
    }

    /** Converts a value to a declared column type (INSERT). */
    static Object coerce(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case INT -> toDecimal(v).intValueExact();
            case BIGINT -> toDecimal(v).longValueExact();
            case SMALLINT, TINYINT -> toDecimal(v).shortValueExact();
            case BIT -> toDecimal(v).signum() != 0;
            case NVARCHAR, VARCHAR -> v.toString();
            case DECIMAL -> toDecimal(v);
            case UNIQUEIDENTIFIER -> v instanceof UUID ? v : UUID.fromString(v.toString());
            default -> v;
        };
    }

    static String display(Object v) {
        if (v instanceof byte[] b) {
            return "0x" + java.util.HexFormat.of().withUpperCase().formatHex(b);
        }
        return String.valueOf(v);
    }
}
