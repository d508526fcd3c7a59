package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** count, sum, product, max, min and sort. */
final class AggregateBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("count", 1, (c, a) -> count(c, a[0]));
        t.add("sum", 1, (c, a) -> fold("sum", a[0], NumberValue.ZERO, true));
        t.add("product", 1, (c, a) -> fold("product", a[0], NumberValue.ONE, false));
        t.add("max", 1, (c, a) -> extreme("max", a[0], true));
        t.add("min", 1, (c, a) -> extreme("min", a[0], false));
        t.add("sort", 1, (c, a) -> {
            List<Value> elements = new ArrayList<>(elements("sort", a[0]));
            elements.sort(null);
            return ArrayValue.of(elements);
        });
    }

    /** Strings count UTF-16 code units, as the reference engine does. */
    private static Value count(BuiltinContext c, Value v) {
        if (v instanceof ArrayValue a) {
            return NumberValue.of(a.size());
        }
        if (v instanceof SetValue s) {
            return NumberValue.of(s.size());
        }
        if (v instanceof ObjectValue o) {
            return NumberValue.of(o.size());
        }
        if (v instanceof StringValue s) {
            return NumberValue.of(s.value().length());
        }
        if (c.strict()) {
            throw new BuiltinException("`count` requires array/object/set/string argument. Got `" + v + "`.");
        }
        return null;
    }

    static List<Value> elements(String fn, Value v) {
        if (v instanceof ArrayValue a) {
            return a.asList();
        }
        if (v instanceof SetValue s) {
            return s.asList();
        }
        throw new BuiltinException("`" + fn + "` requires array/set argument. Got `" + v + "`.");
    }

    private static Value fold(String fn, Value v, NumberValue start, boolean add) {
        NumberValue total = start;
        for (Value e : elements(fn, v)) {
            NumberValue n = Args.number(fn, e);
            total = add ? total.add(n) : total.multiply(n);
        }
        return total;
    }

    private static Value extreme(String fn, Value v, boolean max) {
        Value best = null;
        for (Value e : elements(fn, v)) {
            if (best == null || (max ? e.compareTo(best) > 0 : e.compareTo(best) < 0)) {
                best = e;
            }
        }
        return best;
    }
}
