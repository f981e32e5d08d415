package io.github.mssqlk8s.ha;

/** A replica that was not chosen, and why, in one sentence that starts with its name. */
public record Rejection(String replica, String reason) {
}
