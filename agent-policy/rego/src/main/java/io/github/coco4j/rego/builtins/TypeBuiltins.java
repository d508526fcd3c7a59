package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;

/** is_* checks and type_name. */
final class TypeBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("is_array", 1, (c, a) -> BoolValue.of(a[0] instanceof ArrayValue));
        t.add("is_boolean", 1, (c, a) -> BoolValue.of(a[0] instanceof BoolValue));
        t.add("is_null", 1, (c, a) -> BoolValue.of(a[0] instanceof NullValue));
        t.add("is_number", 1, (c, a) -> BoolValue.of(a[0] instanceof NumberValue));
        t.add("is_object", 1, (c, a) -> BoolValue.of(a[0] instanceof ObjectValue));
        t.add("is_set", 1, (c, a) -> BoolValue.of(a[0] instanceof SetValue));
        t.add("is_string", 1, (c, a) -> BoolValue.of(a[0] instanceof StringValue));
        t.add("type_name", 1, (c, a) -> StringValue.of(a[0].typeName()));
    }
}
