package io.github.mssqlk8s.sql;

import java.util.HexFormat;

/**
 * The one audited place that turns values into T-SQL text. Statements whose syntax takes no parameters (DDL
 * such as {@code CREATE LOGIN … WITH PASSWORD = …} or {@code ALTER AVAILABILITY GROUP [ag] …}) are built from
 * these; everything else binds JDBC parameters.
 *
 * <p>Rules: an identifier is bracketed with {@code ]} doubled (as {@code QUOTENAME} does) and may not be
 * empty, longer than 128 characters (sysname) or contain NUL; a string literal is {@code N'…'} with {@code '}
 * doubled and may not contain NUL; binary is {@code 0x} followed by hex digits. Nothing else is accepted.
 */
public final class SqlQuote {

    /** sysname is nvarchar(128). */
    static final int MAX_IDENTIFIER_LENGTH = 128;

    private SqlQuote() {
    }

    /** {@code [name]}, safe for any identifier SQL Server accepts. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an identifier may not be empty");
        }
        if (name.length() > MAX_IDENTIFIER_LENGTH) {
            throw new IllegalArgumentException("an identifier may have at most " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        rejectNul(name, "an identifier");
        return "[" + name.replace("]", "]]") + "]";
    }

    /** {@code N'text'}, a Unicode string literal; the value itself is never echoed in exceptions. */
    public static String unicodeLiteral(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a literal may not be null; write NULL in the statement instead");
        }
        rejectNul(text, "a literal");
        return "N'" + text.replace("'", "''") + "'";
    }

    /** {@code 0x…}, a binary literal (certificates and private keys). */
    public static String binaryLiteral(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("a binary literal may not be empty");
        }
        return "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static void rejectNul(String text, String what) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " may not contain the NUL character");
        }
    }
}
