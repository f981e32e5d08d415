package io.github.mssqlk8s.cli;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In an ag-agent (its AG set by {@code MSSQL_K8S_AVAILABILITY_GROUP}), every meter carries {@code ag="<name>"},
 * JVM meters included: the supervisor serves all its children's meters in one scrape, told apart by this tag.
 */
public class AgAgentMeterTags {

    static final String TAG = "ag";

    @Produces
    @Singleton
    MeterFilter availabilityGroupTag(@ConfigProperty(name = "mssql.k8s.availability-group") Optional<String> group) {
        return group.filter(name -> !name.isBlank())
                .map(name -> MeterFilter.commonTags(Tags.of(TAG, name)))
                .orElseGet(() -> new MeterFilter() {
                });
    }
}
