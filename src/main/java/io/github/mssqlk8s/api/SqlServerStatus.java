package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator and agents observed: standard conditions, and this instance's place in each AG. Several
 * writers share it (operator, agents, init-sql): both lists are maps keyed by name/type for the API server, so a
 * writer's entry is addressed by its key, never by its position, and every writer keeps them sorted by that key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Written out in full: the generator gives a customised class only what the customizer says.
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"properties\":{\"observedGeneration\":{\"type\":\"integer\",\"format\":\"int64\"},\"availab"
        + "ilityGroups\":{\"type\":\"array\",\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-m"
        + "ap-keys\":[\"name\"],\"items\":{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"na"
        + "me\":{\"type\":\"string\"},\"role\":{\"type\":\"string\"},\"availabilityMode\":{\"type\":\"strin"
        + "g\",\"enum\":[\"asynchronousCommit\",\"configurationOnly\",\"synchronousCommit\"]},\"messa"
        + "ge\":{\"type\":\"string\"}}}},\"conditions\":{\"type\":\"array\",\"x-kubernetes-list-type\":\""
        + "map\",\"x-kubernetes-list-map-keys\":[\"type\"],\"items\":{\"type\":\"object\",\"required\":["
        + "\"type\"],\"properties\":{\"lastTransitionTime\":{\"type\":\"string\"},\"message\":{\"type\":\""
        + "string\"},\"observedGeneration\":{\"type\":\"integer\",\"format\":\"int64\"},\"reason\":{\"typ"
        + "e\":\"string\"},\"status\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"}}}}}}")
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
