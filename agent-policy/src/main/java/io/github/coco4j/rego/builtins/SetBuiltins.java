package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;

/** union and intersection of a set of sets. */
final class SetBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("union", 1, (c, a) -> {
            SetValue out = SetValue.EMPTY;
            for (Value s : Args.set("union", a[0]).asList()) {
                out = out.union(Args.set("union", s));
            }
            return out;
        });
        t.add("intersection", 1, (c, a) -> {
            SetValue out = null;
            for (Value s : Args.set("intersection", a[0]).asList()) {
                SetValue next = Args.set("intersection", s);
                out = out == null ? next : out.intersection(next);
            }
            return out == null ? SetValue.EMPTY : out;
        });
    }
}
