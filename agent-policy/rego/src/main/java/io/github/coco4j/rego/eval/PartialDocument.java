package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The value of partial rules being built: nested objects keyed by the rule's key values, with a
 * set (partial set rules) or a value (partial object rules) at the leaves.
 */
final class PartialDocument {
    private final TreeMap<Value, Object> entries = new TreeMap<>();
    private TreeSet<Value> elements;

    boolean isEmpty() {
        return entries.isEmpty() && (elements == null || elements.isEmpty());
    }

    void addElement(Rule rule, Value[] keys, Value element) {
        PartialDocument leaf = this;
        for (Value key : keys) {
            leaf = leaf.child(rule, key);
        }
        if (leaf.elements == null) {
            leaf.elements = new TreeSet<>();
        }
        leaf.elements.add(element);
    }

    void put(Rule rule, Value[] keys, Value value) {
        PartialDocument parent = this;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = parent.child(rule, keys[i]);
        }
        Value key = keys[keys.length - 1];
        Object previous = parent.entries.putIfAbsent(key, value);
        if (previous != null && !previous.equals(value)) {
            throw rule.position().error(Composites.KEY_CONFLICT + "rules must not produce multiple outputs: value for key `" + key
                    + "` generated multiple times: `" + describe(previous) + "` and `" + value + "`");
        }
    }

    private static String describe(Object entry) {
        return entry instanceof PartialDocument d ? d.toValue(false).toString() : entry.toString();
    }

    private PartialDocument child(Rule rule, Value key) {
        Object existing = entries.computeIfAbsent(key, k -> new PartialDocument());
        if (!(existing instanceof PartialDocument child)) {
            throw rule.position().error("value for key `" + key + "` generated multiple times");
        }
        return child;
    }

    /** The value built; {@code setLeaves}: partial set rules without keys, whose whole value is a set. */
    Value toValue(boolean setLeaves) {
        if (elements != null && entries.isEmpty()) {
            return SetValue.of(elements);
        }
        if (entries.isEmpty()) {
            return setLeaves ? SetValue.EMPTY : ObjectValue.EMPTY;
        }
        TreeMap<Value, Value> out = new TreeMap<>();
        for (Map.Entry<Value, Object> e : entries.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof PartialDocument d ? d.toValue(true) : (Value) v);
        }
        return ObjectValue.of(out);
    }
}
