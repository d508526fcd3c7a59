package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;

/** Indexing into and iterating over arrays, objects and sets. */
final class Containers {
    private Containers() {
    }

    /** Receives each key (index, object key or set element) with its value. */
    @FunctionalInterface
    interface EntrySink {
        boolean accept(Value key, Value value);
    }

    /** {@code container[key]}, or null when undefined. */
    static Value get(Value container, Value key) {
        if (container instanceof ObjectValue o) {
            return o.get(key);
        }
        if (container instanceof ArrayValue a) {
            if (key instanceof NumberValue n && n.isInteger()) {
                Long index = n.toLong();
                return index != null && index >= 0 && index < a.size() ? a.get(index.intValue()) : null;
            }
            return null;
        }
        if (container instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    /** Calls {@code sink} for each entry; a scalar has none. Returns false if the sink stopped. */
    static boolean forEach(Value container, EntrySink sink) {
        if (container instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (!sink.accept(NumberValue.of(i), a.get(i))) {
                    return false;
                }
            }
        } else if (container instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!sink.accept(o.keyAt(i), o.valueAt(i))) {
                    return false;
                }
            }
        } else if (container instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                Value element = s.get(i);
                if (!sink.accept(element, element)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isCollection(Value value) {
        return value instanceof ArrayValue || value instanceof ObjectValue || value instanceof SetValue;
    }
}
