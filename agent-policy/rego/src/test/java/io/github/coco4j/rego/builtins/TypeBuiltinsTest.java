package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeBuiltinsTest {
    private static final Map<String, Value> SAMPLES = Map.of(
            "array", v("[1]"), "boolean", v("false"), "null", v("null"), "number", v("1.5"),
            "object", v("{}"), "set", set("[]"), "string", v("''"));
    private static final Map<String, String> CHECKS = Map.of(
            "array", "is_array", "boolean", "is_boolean", "null", "is_null", "number", "is_number",
            "object", "is_object", "set", "is_set", "string", "is_string");

    @Test
    void eachCheckAcceptsOnlyItsKind() {
        for (String kind : CHECKS.keySet()) {
            for (Map.Entry<String, Value> sample : SAMPLES.entrySet()) {
                assertEquals(BoolValue.of(kind.equals(sample.getKey())), strict(CHECKS.get(kind), sample.getValue()),
                        () -> CHECKS.get(kind) + "(" + sample.getKey() + ")");
            }
        }
    }

    @Test
    void typeName() {
        for (String kind : List.copyOf(SAMPLES.keySet())) {
            assertEquals(StringValue.of(kind), strict("type_name", SAMPLES.get(kind)));
        }
    }
}
