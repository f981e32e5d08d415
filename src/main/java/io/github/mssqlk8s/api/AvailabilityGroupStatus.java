package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** This instance's replica in one AG, as the agents last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AvailabilityGroupStatus {

    private String name;

    /** {@code primary}, {@code secondary}, {@code resolving} or {@code unknown}. */
    private String role;

    private AvailabilityMode availabilityMode;

    /** Why the agent did what it did last, in one sentence (e.g. why this replica was not promoted). */
    private String message;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public AvailabilityMode getAvailabilityMode() {
        return availabilityMode;
    }

    public void setAvailabilityMode(AvailabilityMode availabilityMode) {
        this.availabilityMode = availabilityMode;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvailabilityGroupStatus that
                && Objects.equals(name, that.name)
                && Objects.equals(role, that.role)
                && availabilityMode == that.availabilityMode
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, availabilityMode, message);
    }
}
