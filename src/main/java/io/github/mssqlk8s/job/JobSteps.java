package io.github.mssqlk8s.job;

import java.sql.SQLException;

/** Runs one named step of a Job, turning what failed into a {@link JobFailure} free of secret values. */
final class JobSteps {

    /** A step's work. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws SQLException, JobFailure;
    }

    private JobSteps() {
    }

    static <T> T run(String name, Redaction redaction, Step<T> step) throws JobFailure {
        try {
            return step.run();
        } catch (SQLException failed) {
            throw new JobFailure(name, sqlReason(failed, redaction), failed);
        } catch (RuntimeException failed) {
            String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            throw new JobFailure(name, redaction.apply(message), failed);
        }
    }

    /** SQL Server's message with its error number. */
    static String sqlReason(SQLException failed, Redaction redaction) {
        String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        return redaction.apply(message.strip()) + (failed.getErrorCode() == 0 ? "" : " (error " + failed.getErrorCode() + ")");
    }
}
