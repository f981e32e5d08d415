package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.Map;
import java.util.TreeMap;

/** One line a person can read in a condition or an Event: what failed, never a stack trace. */
final class FailureSummary {

    static final int MAX_LENGTH = 240;

    private FailureSummary() {
    }

    /**
     * The failure that says something, past JOSDK's wrappers: which owned object failed (the workflow's dependent
     * name), the failure's kind and the first line of its message; an API error by its HTTP code and the server's words.
     */
    static String oneLine(Throwable failure) {
        String where = "";
        Throwable cause = failure;
        while (true) {
            if (cause instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
                Map.Entry<String, Exception> first = new TreeMap<>(aggregated.getAggregatedExceptions()).firstEntry();
                where = first.getKey() + ": ";
                cause = first.getValue();
            } else if (cause.getCause() != null && !(cause instanceof KubernetesClientException)
                    && (cause.getMessage() == null || cause instanceof OperatorException)) {
                cause = cause.getCause();
            } else {
                break;
            }
        }
        String text;
        if (cause instanceof KubernetesClientException api && api.getStatus() != null && api.getStatus().getMessage() != null) {
            text = "HTTP " + api.getCode() + ": " + api.getStatus().getMessage();
        } else {
            text = cause.getMessage() == null ? "no message" : cause.getMessage();
        }
        String kind = cause.getClass().getSimpleName();
        String line = (where + kind + ": " + text.lines().findFirst().orElse("")).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
