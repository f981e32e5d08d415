package io.github.mssqlk8s.job;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masks secret values in text that leaves the Job (log lines, the failure line, status and Events): SQL Server
 * may quote part of a failed statement back, and a statement may carry a password.
 */
public final class Redaction {

    private static final String MASK = "***";
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Registers values to mask; empty or very short values are ignored (they would mask ordinary words). */
    public Redaction add(String... values) {
        for (String value : values) {
            if (value != null && value.length() >= 4 && !secrets.contains(value)) {
                secrets.add(value);
            }
        }
        return this;
    }

    public String apply(String text) {
        if (text == null) {
            return "";
        }
        String masked = text;
        // Longest first, so a secret containing another is masked whole.
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public JobLog wrap(JobLog log) {
        Objects.requireNonNull(log);
        return line -> log.info(apply(line));
    }
}
