package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** object.* builtins, json.filter, json.remove and json.patch. */
final class ObjectBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("object.get", 3, (c, a) -> get(a));
        t.add("object.keys", 1, (c, a) -> {
            ObjectValue o = Args.object("object.keys", a[0]);
            List<Value> keys = new ArrayList<>(o.size());
            for (int i = 0; i < o.size(); i++) {
                keys.add(o.keyAt(i));
            }
            return SetValue.of(keys);
        });
        t.add("object.remove", 2, (c, a) -> retain("object.remove", a, false));
        t.add("object.filter", 2, (c, a) -> retain("object.filter", a, true));
        t.add("object.subset", 2, (c, a) -> BoolValue.of(isSubset(a[0], a[1])));
        t.add("object.union", 2, (c, a) -> union(Args.object("object.union", a[0]), Args.object("object.union", a[1])));
        t.add("object.union_n", 1, ObjectBuiltins::unionN);
        t.add("json.filter", 2, (c, a) -> JsonPaths.filter(a));
        t.add("json.remove", 2, (c, a) -> JsonPaths.remove(a));
        t.add("json.patch", 2, (c, a) -> {
            ArrayValue operations = Args.array("json.patch", a[1]);
            try {
                return JsonPatchTree.apply(a[0], operations);
            } catch (JsonPatchTree.Failure e) {
                // Whatever the strictness: a patch that does not apply is undefined, as in OPA.
                return null;
            }
        });
    }

    /** A key, or an array of keys walked as a path; the default when anything along the way is missing. */
    private static Value get(Value[] a) {
        ObjectValue object = Args.object("object.get", a[0]);
        if (a[1] instanceof ArrayValue path) {
            Value at = object;
            for (Value key : path.asList()) {
                at = JsonPaths.member(at, key);
                if (at == null) {
                    return a[2];
                }
            }
            return at;
        }
        Value found = object.get(a[1]);
        return found == null ? a[2] : found;
    }

    private static Value retain(String fn, Value[] a, boolean keepListed) {
        ObjectValue object = Args.object(fn, a[0]);
        Predicate<Value> listed;
        if (a[1] instanceof ArrayValue keys) {
            listed = SetValue.of(keys.asList())::contains;
        } else if (a[1] instanceof SetValue keys) {
            listed = keys::contains;
        } else if (a[1] instanceof ObjectValue keys) {
            listed = k -> keys.get(k) != null;
        } else {
            throw new BuiltinException("`" + fn + "` requires array/object/set argument");
        }
        ObjectValue.Builder out = ObjectValue.builder();
        for (int i = 0; i < object.size(); i++) {
            if (listed.test(object.keyAt(i)) == keepListed) {
                out.put(object.keyAt(i), object.valueAt(i));
            }
        }
        return out.build();
    }

    /** Objects recursively, sets by inclusion, arrays as contiguous runs; otherwise equality. */
    static boolean isSubset(Value sup, Value sub) {
        if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) {
            for (int i = 0; i < b.size(); i++) {
                Value v = a.get(b.keyAt(i));
                if (v == null || !isSubset(v, b.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof SetValue a && sub instanceof SetValue b) {
            return b.difference(a).isEmpty();
        }
        if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) {
            return Collections.indexOfSubList(a.asList(), b.asList()) >= 0;
        }
        if (sup instanceof ArrayValue a && sub instanceof SetValue) {
            return isSubset(SetValue.of(a.asList()), sub);
        }
        return sup.equals(sub);
    }

    private static Value unionN(BuiltinContext c, Value[] a) {
        Value out = ObjectValue.EMPTY;
        List<Value> items = Args.array("object.union_n", a[0]).asList();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof ObjectValue)) {
                if (c.strict()) {
                    throw new BuiltinException("item at index " + i + " is not an object");
                }
                return null;
            }
            out = union(out, items.get(i));
        }
        return out;
    }

    /** Deep merge: the second object wins, except where both have objects, which merge. */
    static Value union(Value first, Value second) {
        if (!(first instanceof ObjectValue a) || !(second instanceof ObjectValue b)) {
            return second;
        }
        ObjectValue out = a;
        for (int i = 0; i < b.size(); i++) {
            Value existing = a.get(b.keyAt(i));
            out = out.with(b.keyAt(i), existing == null ? b.valueAt(i) : union(existing, b.valueAt(i)));
        }
        return out;
    }
}
