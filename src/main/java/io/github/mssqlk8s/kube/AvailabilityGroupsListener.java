package io.github.mssqlk8s.kube;

import java.util.List;

/** Told what one SqlServer's {@code availabilityGroups} list is, by {@link SqlServerWatcher}. */
public interface AvailabilityGroupsListener {

    /** The resource was read: its AGs' names in list order. Called at first and whenever the names change. */
    void listed(List<String> groups);

    /** The resource does not exist: {@code why} is "not found" (not created yet) or "deleted". */
    void missing(String why);

    /** The resource could not be read; the watch keeps retrying. */
    void unreadable(String problem);
}
