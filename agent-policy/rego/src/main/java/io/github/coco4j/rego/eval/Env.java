package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.value.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Variable bindings of one body. A comprehension or {@code every} body gets a child that sees
 * its parent's bindings; a name declared in the child ({@code :=}, {@code some}) shadows them.
 */
final class Env {
    private final Env parent;
    private final Map<String, Value> values = new HashMap<>(8);
    private Set<String> declared;

    Env(Env parent) {
        this.parent = parent;
    }

    /** The bound value, or null when unbound. */
    Value lookup(String name) {
        for (Env env = this; env != null; env = env.parent) {
            Value value = env.values.get(name);
            if (value != null) {
                return value;
            }
            if (env.declared != null && env.declared.contains(name)) {
                return null;
            }
        }
        return null;
    }

    /** Whether the name is a local variable here: declared or bound in this body or an enclosing one. */
    boolean isLocal(String name) {
        for (Env env = this; env != null; env = env.parent) {
            if (env.values.containsKey(name) || (env.declared != null && env.declared.contains(name))) {
                return true;
            }
        }
        return false;
    }

    void declare(String name) {
        if (declared == null) {
            declared = new HashSet<>(4);
        }
        declared.add(name);
    }

    /** Binds in this body; returns the value it replaces here (null if none) for {@link #restore}. */
    Value bind(String name, Value value) {
        return values.put(name, value);
    }

    void restore(String name, Value previous) {
        if (previous == null) {
            values.remove(name);
        } else {
            values.put(name, previous);
        }
    }

    /** This body's own bindings, sorted by name. */
    Map<String, Value> ownBindings() {
        return new TreeMap<>(values);
    }
}
