package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One entry of {@code availabilityGroups}: the preview's short form {@code ag1} or the long form
 * {@code {name: ag1, availabilityMode: asynchronousCommit}}. It is always written back in the long form.
 *
 * <p>The schema has no {@code type}: a structural schema cannot say "string or object" otherwise. The name
 * pattern applies to the short form (JSON Schema's {@code pattern} only checks strings), the properties and
 * {@code required} to the long form (they only check objects). No CEL rule: kube-apiserver cannot build CEL type
 * information for a node without a type and refuses the whole CRD (SqlServerCrdApiTest), so other JSON types
 * (numbers, arrays) pass the schema and are left to the Java side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"type\": null,"
        + " \"x-kubernetes-preserve-unknown-fields\": true,"
        + " \"pattern\": \"" + AvailabilityGroupRef.NAME_PATTERN + "\"}")
public class AvailabilityGroupRef {

    /**
     * An AG name: it becomes a Service name ({@code <ag>-secondary}), a ConfigMap name and a label-key suffix,
     * so it must be a DNS-1035 label short enough for the longest derived name (63 characters).
     */
    public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]{0,51}[a-z0-9])?$";

    @Required
    @Pattern(NAME_PATTERN)
    private String name;

    private AvailabilityMode availabilityMode;

    public AvailabilityGroupRef() {
    }

    public AvailabilityGroupRef(String name, AvailabilityMode availabilityMode) {
        this.name = name;
        this.availabilityMode = availabilityMode;
    }

    /** The short form: just the AG's name, synchronous commit. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AvailabilityGroupRef named(String name) {
        return new AvailabilityGroupRef(name, null);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AvailabilityMode getAvailabilityMode() {
        return availabilityMode;
    }

    public void setAvailabilityMode(AvailabilityMode availabilityMode) {
        this.availabilityMode = availabilityMode;
    }

    /** The mode with the preview's default applied. */
    @JsonIgnore
    public AvailabilityMode effectiveMode() {
        return availabilityMode == null ? AvailabilityMode.SYNCHRONOUS_COMMIT : availabilityMode;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvailabilityGroupRef ref
                && Objects.equals(name, ref.name)
                && effectiveMode() == ref.effectiveMode();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, effectiveMode());
    }

    @Override
    public String toString() {
        return name + "(" + effectiveMode().manifestName() + ")";
    }
}
