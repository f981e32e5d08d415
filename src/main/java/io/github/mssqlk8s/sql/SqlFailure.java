package io.github.mssqlk8s.sql;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

/** What a failed connection or statement means to an agent, told apart by SQL Server's error number or cause. */
public enum SqlFailure {
    /** Nothing listens: the instance is stopped (or not started yet). */
    REFUSED,
    /** No answer in time: the instance may be hung. */
    TIMED_OUT,
    /** 18456: wrong login or password (the password may have been rotated). */
    LOGIN_FAILED,
    /** The connection broke while in use. */
    CONNECTION_LOST,
    /** Anything else: SQL Server answered with an error. */
    OTHER;

    public static final int LOGIN_FAILED_NUMBER = 18456;

    public static SqlFailure of(SQLException failure) {
        if (failure.getErrorCode() == LOGIN_FAILED_NUMBER) {
            return LOGIN_FAILED;
        }
        if (failure instanceof SQLTimeoutException) {
            return TIMED_OUT;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return REFUSED;
            }
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("connection refused")) {
            return REFUSED;
        }
        if (message.contains("timed out") || message.contains("timeout")) {
            return TIMED_OUT;
        }
        // mssql-jdbc reports a broken socket with SQLState 08S01 (communication link failure).
        return "08S01".equals(failure.getSQLState()) ? CONNECTION_LOST : OTHER;
    }
}
