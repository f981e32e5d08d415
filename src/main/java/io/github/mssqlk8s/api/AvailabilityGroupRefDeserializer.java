package io.github.mssqlk8s.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads an {@code availabilityGroups} item of any JSON shape. The CRD cannot refuse every other shape (the item
 * has no type, and a CEL rule cannot be placed on an untyped node), and a strict reader would fail the whole list
 * of SqlServers for every informer of the namespace; an odd item becomes {@link AvailabilityGroupRef#invalid}.
 */
class AvailabilityGroupRefDeserializer extends StdDeserializer<AvailabilityGroupRef> {

    /** Long enough to recognise the item in a condition message, short enough for one. */
    private static final int SHOWN_CHARACTERS = 60;

    AvailabilityGroupRefDeserializer() {
        super(AvailabilityGroupRef.class);
    }

    @Override
    public AvailabilityGroupRef deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode item = parser.readValueAsTree();
        if (item.isTextual()) {
            return AvailabilityGroupRef.named(item.textValue());
        }
        if (item.isObject() && item.path("name").isTextual()) {
            JsonNode mode = item.path("availabilityMode");
            if (mode.isMissingNode() || mode.isNull()) {
                return new AvailabilityGroupRef(item.get("name").textValue(), null);
            }
            Optional<AvailabilityMode> known = mode.isTextual() ? Arrays.stream(AvailabilityMode.values())
                    .filter(value -> value.manifestName().equals(mode.textValue())).findFirst() : Optional.empty();
            if (known.isPresent()) {
                return new AvailabilityGroupRef(item.get("name").textValue(), known.get());
            }
        }
        String shown = item.toString();
        return AvailabilityGroupRef.invalid(shown.length() <= SHOWN_CHARACTERS ? shown : shown.substring(0, SHOWN_CHARACTERS) + "…");
    }
}
