package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;

/** is_* checks, type_name and to_number. */
final class TypeBuiltins implements BuiltinFamily {
    private static final java.util.regex.Pattern JSON_NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

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
        t.add("to_number", 1, (c, a) -> toNumber(a[0]));
    }

    private static Value toNumber(Value v) {
        if (v instanceof NumberValue) {
            return v;
        }
        if (v instanceof NullValue) {
            return NumberValue.ZERO;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? NumberValue.ONE : NumberValue.ZERO;
        }
        if (v instanceof StringValue s) {
            // Strings are read as JSON numbers.
            if (!JSON_NUMBER.matcher(s.value()).matches()) {
                throw new BuiltinException("could not parse string as number");
            }
            return NumberValue.parse(s.value());
        }
        throw new BuiltinException("`to_number` expects bool/number/string/null argument.");
    }
}
