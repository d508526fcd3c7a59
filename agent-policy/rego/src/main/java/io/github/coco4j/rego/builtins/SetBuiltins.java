package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.function.BinaryOperator;

/**
 * union and intersection of a set of sets, and the binary forms the reference engine registers
 * under {@code __builtin_sets.*} (policies may call them like any builtin).
 */
final class SetBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("union", 1, (c, a) -> ofSets("union", a[0], SetValue::union));
        t.add("intersection", 1, (c, a) -> ofSets("intersection", a[0], SetValue::intersection));
        t.add("__builtin_sets.union", 2, (c, a) -> binary("__builtin_sets.union", a, SetValue::union));
        t.add("__builtin_sets.intersection", 2,
                (c, a) -> binary("__builtin_sets.intersection", a, SetValue::intersection));
    }

    /** Folds the member sets; an empty set of sets gives the empty set. */
    private static Value ofSets(String fn, Value arg, BinaryOperator<SetValue> op) {
        SetValue out = null;
        for (Value member : Args.set(fn, arg).asList()) {
            if (!(member instanceof SetValue s)) {
                throw new BuiltinException("`" + fn + "` expects set of sets. Got `" + arg + "`");
            }
            out = out == null ? s : op.apply(out, s);
        }
        return out == null ? SetValue.EMPTY : out;
    }

    private static Value binary(String fn, Value[] a, BinaryOperator<SetValue> op) {
        return op.apply(Args.set(fn, a[0]), Args.set(fn, a[1]));
    }
}
