package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** array.concat, array.slice and array.reverse. */
final class ArrayBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("array.concat", 2, (c, a) -> {
            List<Value> out = new ArrayList<>(Args.array("array.concat", a[0]).asList());
            out.addAll(Args.array("array.concat", a[1]).asList());
            return ArrayValue.of(out);
        });
        t.add("array.reverse", 1, (c, a) -> {
            List<Value> out = new ArrayList<>(Args.array("array.reverse", a[0]).asList());
            Collections.reverse(out);
            return ArrayValue.of(out);
        });
        t.add("array.slice", 3, ArrayBuiltins::slice);
    }

    /** Indices are clamped to the array; a start at or after the stop gives an empty array. */
    private static Value slice(BuiltinContext c, Value[] a) {
        ArrayValue array = Args.array("array.slice", a[0]);
        NumberValue start = Args.number("array.slice", a[1]);
        NumberValue stop = Args.number("array.slice", a[2]);
        if (!start.isInteger() || !stop.isInteger() || start.toLong() == null || stop.toLong() == null) {
            return null;
        }
        int from = (int) Math.max(0, Math.min(start.toLong(), array.size()));
        int to = (int) Math.max(0, Math.min(stop.toLong(), array.size()));
        return from >= to ? ArrayValue.EMPTY : ArrayValue.of(array.asList().subList(from, to));
    }
}
