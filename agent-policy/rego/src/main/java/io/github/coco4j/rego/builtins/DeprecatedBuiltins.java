package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;

/**
 * OPA's deprecated builtins, which v0 policies still call: the casts, which check a type rather
 * than convert (except arrays and sets, which convert into each other), and {@code re_match},
 * the former name of {@code regex.match}. A cast of the wrong type is OPA's type error. Rego v1
 * removed them all, so v1 modules do not see them.
 */
final class DeprecatedBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.addDeprecated("cast_array", 1, (c, a) -> a[0] instanceof SetValue s ? ArrayValue.of(s.asList())
                : cast("cast_array", "array", a[0], ArrayValue.class));
        t.addDeprecated("cast_set", 1, (c, a) -> a[0] instanceof ArrayValue arr ? SetValue.of(arr.asList())
                : cast("cast_set", "set", a[0], SetValue.class));
        t.addDeprecated("cast_string", 1, (c, a) -> cast("cast_string", "string", a[0], StringValue.class));
        t.addDeprecated("cast_boolean", 1, (c, a) -> cast("cast_boolean", "boolean", a[0], BoolValue.class));
        t.addDeprecated("cast_null", 1, (c, a) -> cast("cast_null", "null", a[0], NullValue.class));
        t.addDeprecated("cast_object", 1, (c, a) -> cast("cast_object", "object", a[0], ObjectValue.class));
        t.addDeprecated("re_match", 2, (c, a) -> RegexBuiltins.match("re_match", a[0], a[1]));
    }

    private static Value cast(String fn, String kind, Value v, Class<? extends Value> type) {
        if (type.isInstance(v)) {
            return v;
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be " + kind + " but got " + v.typeName());
    }
}
