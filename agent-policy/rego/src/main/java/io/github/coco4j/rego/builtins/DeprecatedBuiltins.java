package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.List;

/**
 * OPA's deprecated builtins, which v0 policies still call: the casts, which check a type rather
 * than convert (except arrays and sets, which convert into each other); {@code re_match}, the
 * former name of {@code regex.match}; {@code all} and {@code any}, whether every or some member
 * of a collection is {@code true}; and {@code net.cidr_overlap}, which {@code net.cidr_contains}
 * replaced. An operand of the wrong type is OPA's type error. Rego v1 removed them all, so v1
 * modules do not see them.
 */
final class DeprecatedBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.addDeprecated("cast_array", 1, (c, a) -> ArrayValue.of(members("cast_array", a[0])));
        t.addDeprecated("cast_set", 1, (c, a) -> SetValue.of(members("cast_set", a[0])));
        t.addDeprecated("cast_string", 1, (c, a) -> cast("cast_string", "string", a[0], StringValue.class));
        t.addDeprecated("cast_boolean", 1, (c, a) -> cast("cast_boolean", "boolean", a[0], BoolValue.class));
        t.addDeprecated("cast_null", 1, (c, a) -> cast("cast_null", "null", a[0], NullValue.class));
        t.addDeprecated("cast_object", 1, (c, a) -> cast("cast_object", "object", a[0], ObjectValue.class));
        t.addDeprecated("re_match", 2, (c, a) -> RegexBuiltins.match("re_match", a[0], a[1]));
        t.addDeprecated("all", 1, (c, a) -> BoolValue.of(members("all", a[0]).stream().allMatch(BoolValue.TRUE::equals)));
        t.addDeprecated("any", 1, (c, a) -> BoolValue.of(members("any", a[0]).contains(BoolValue.TRUE)));
        t.addDeprecated("net.cidr_overlap", 2, (c, a) -> BoolValue.of(NetBuiltins.contains(
                Args.string("net.cidr_overlap", a[0]), Args.string("net.cidr_overlap", a[1]))));
    }

    /** The members of an array or a set, the only collections these builtins take. */
    private static List<Value> members(String fn, Value v) {
        if (v instanceof ArrayValue arr) {
            return arr.asList();
        }
        if (v instanceof SetValue s) {
            return s.asList();
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be one of {array, set} but got " + v.typeName());
    }

    private static Value cast(String fn, String kind, Value v, Class<? extends Value> type) {
        if (type.isInstance(v)) {
            return v;
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be " + kind + " but got " + v.typeName());
    }
}
