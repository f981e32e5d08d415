package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a replica takes part in an AG; the JSON names are the preview's. */
public enum AvailabilityMode {
    @JsonProperty("synchronousCommit")
    SYNCHRONOUS_COMMIT("synchronousCommit"),
    @JsonProperty("asynchronousCommit")
    ASYNCHRONOUS_COMMIT("asynchronousCommit"),
    @JsonProperty("configurationOnly")
    CONFIGURATION_ONLY("configurationOnly");

    private final String manifestName;

    AvailabilityMode(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The spelling used in manifests and in the {@code mode.ag.mssql.microsoft.com/<ag>} label. */
    public String manifestName() {
        return manifestName;
    }
}
