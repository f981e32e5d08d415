package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
@JsonDeserialize(using = AvailabilityGroupRefDeserializer.class)
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

    /** The item as written when it is neither a name nor {name, availabilityMode} (see {@link #invalid}). */
    @JsonIgnore
    private String invalidItem;

    public AvailabilityGroupRef() {
    }

    public AvailabilityGroupRef(String name, AvailabilityMode availabilityMode) {
        this.name = name;
        this.availabilityMode = availabilityMode;
    }

    /** The short form: just the AG's name, synchronous commit. */
    public static AvailabilityGroupRef named(String name) {
        return new AvailabilityGroupRef(name, null);
    }

    /**
     * An item of another shape (a number, a list, an object without a usable name or with an unknown mode). Read
     * rather than refused, so that one odd resource cannot break reading every resource of the namespace; the
     * operator reports it as a spec problem of that resource.
     */
    public static AvailabilityGroupRef invalid(String item) {
        AvailabilityGroupRef ref = new AvailabilityGroupRef();
        ref.invalidItem = item;
        return ref;
    }

    /** The odd item as written, or null for a name or {name, availabilityMode}. */
    @JsonIgnore
    public String getInvalidItem() {
        return invalidItem;
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
                && Objects.equals(invalidItem, ref.invalidItem)
                && effectiveMode() == ref.effectiveMode();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, effectiveMode(), invalidItem);
    }

    @Override
    public String toString() {
        return invalidItem != null ? invalidItem : name + "(" + effectiveMode().manifestName() + ")";
    }
}
