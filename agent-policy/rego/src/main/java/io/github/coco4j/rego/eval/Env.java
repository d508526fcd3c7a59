package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.value.Value;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Variable bindings of one body. A comprehension or {@code every} body gets a child that sees
 * its parent's bindings; a name declared in the child ({@code :=}, {@code some}) shadows them.
 *
 * <p>A body has a handful of variables, so they live in a small table searched in order rather
 * than in hash maps: declaring, binding and looking up are then a few comparisons and no
 * allocation, which is most of what evaluating a body does. Each name has one slot, holding
 * whether it was declared here and its value (null while unbound).
 */
final class Env {
    private final Env parent;
    private String[] names = new String[4];
    /** The names' hash codes, so that a search compares ints and calls equals only on a match. */
    private int[] hashes = new int[4];
    private Value[] values = new Value[4];
    private boolean[] declared = new boolean[4];
    private int size;

    Env(Env parent) {
        this.parent = parent;
    }

    /** The bound value, or null when unbound. */
    Value lookup(String name) {
        for (Env env = this; env != null; env = env.parent) {
            int slot = env.slot(name);
            if (slot >= 0) {
                Value value = env.values[slot];
                if (value != null || env.declared[slot]) {
                    return value;
                }
            }
        }
        return null;
    }

    /** Whether the name is a local variable here: declared or bound in this body or an enclosing one. */
    boolean isLocal(String name) {
        for (Env env = this; env != null; env = env.parent) {
            int slot = env.slot(name);
            if (slot >= 0 && (env.values[slot] != null || env.declared[slot])) {
                return true;
            }
        }
        return false;
    }

    void declare(String name) {
        int slot = slotFor(name);
        declared[slot] = true;
    }

    /** Binds in this body; returns the value it replaces here (null if none) for {@link #restore}. */
    Value bind(String name, Value value) {
        int slot = slotFor(name);
        Value previous = values[slot];
        values[slot] = value;
        return previous;
    }

    void restore(String name, Value previous) {
        values[slot(name)] = previous;
    }

    /** This body's own bindings, sorted by name. */
    Map<String, Value> ownBindings() {
        Map<String, Value> bound = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            if (values[i] != null) {
                bound.put(names[i], values[i]);
            }
        }
        return bound;
    }

    private int slot(String name) {
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            // The lexer gives each identifier one string, so a match is mostly the same object.
            if (names[i] == name || hashes[i] == hash && names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int slotFor(String name) {
        int slot = slot(name);
        if (slot >= 0) {
            return slot;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            values = Arrays.copyOf(values, size * 2);
            declared = Arrays.copyOf(declared, size * 2);
        }
        names[size] = name;
        hashes[size] = name.hashCode();
        return size++;
    }
}
