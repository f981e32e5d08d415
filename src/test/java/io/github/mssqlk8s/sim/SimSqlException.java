package io.github.mssqlk8s.sim;

/** A SQL Server error: number, state, severity (class) and message, as SQL Server sends them. */
public class SimSqlException extends Exception {

    private final int number;
    private final int state;
    private final int severity;

    public SimSqlException(int number, int state, int severity, String message) {
        super(message);
        this.number = number;
        this.state = state;
        this.severity = severity;
    }

    public int number() {
        return number;
    }

    public int state() {
        return state;
    }

    public int severity() {
        return severity;
    }
}
