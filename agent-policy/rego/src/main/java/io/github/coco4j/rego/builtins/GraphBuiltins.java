package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code walk(x, [path, value])}: every node of {@code x} with its path, the root first, then
 * each child in key order. The body returns all the {@code [path, value]} pairs; the evaluator
 * unifies the output argument with each of them in turn (walk is a relation).
 */
public final class GraphBuiltins implements BuiltinFamily {
    public static final String WALK = "walk";

    @Override
    public void register(Builtins t) {
        t.add(WALK, 1, (c, a) -> {
            List<Value> pairs = new ArrayList<>();
            walk(a[0], new ArrayList<>(), pairs);
            return ArrayValue.of(pairs);
        });
    }

    private static void walk(Value node, List<Value> path, List<Value> out) {
        out.add(ArrayValue.of(ArrayValue.of(path), node));
        if (node instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                child(o.keyAt(i), o.valueAt(i), path, out);
            }
        } else if (node instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                child(NumberValue.of(i), a.get(i), path, out);
            }
        } else if (node instanceof SetValue s) {
            for (Value e : s.asList()) {
                child(e, e, path, out);
            }
        }
    }

    private static void child(Value key, Value value, List<Value> path, List<Value> out) {
        path.add(key);
        walk(value, path, out);
        path.remove(path.size() - 1);
    }
}
