package io.github.mssqlk8s.job;

import org.jboss.logging.Logger;

/** Where a Job's progress lines go; every line passes through the Job's {@link Redaction} first. */
@FunctionalInterface
public interface JobLog {

    void info(String line);

    /** The application's log (stderr). */
    static JobLog of(String mode) {
        Logger logger = Logger.getLogger("io.github.mssqlk8s.job." + mode);
        return logger::info;
    }
}
