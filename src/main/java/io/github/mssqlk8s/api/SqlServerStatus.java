package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator and agents observed: standard conditions, and this instance's place in each AG. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqlServerStatus {

    private Long observedGeneration;

    private List<Condition> conditions = new ArrayList<>();

    private List<AvailabilityGroupStatus> availabilityGroups = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public List<AvailabilityGroupStatus> getAvailabilityGroups() {
        return availabilityGroups;
    }

    public void setAvailabilityGroups(List<AvailabilityGroupStatus> availabilityGroups) {
        this.availabilityGroups = availabilityGroups == null ? new ArrayList<>() : availabilityGroups;
    }
}
