package io.github.coco4j.rego.value;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** An object: keys of any kind, kept sorted, so iteration follows the key order. */
public final class ObjectValue extends Value {
    public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);

    private final Value[] keys;
    private final Value[] values;
    private int hash;

    private ObjectValue(Value[] sortedKeys, Value[] values) {
        this.keys = sortedKeys;
        this.values = values;
    }

    public static ObjectValue of(Map<Value, Value> entries) {
        TreeMap<Value, Value> sorted = entries instanceof TreeMap<Value, Value> t ? t : new TreeMap<>(entries);
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        Value[] k = new Value[sorted.size()];
        Value[] v = new Value[sorted.size()];
        int i = 0;
        for (Map.Entry<Value, Value> e : sorted.entrySet()) {
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new ObjectValue(k, v);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects entries; a later put of the same key replaces the value. */
    public static final class Builder {
        private final TreeMap<Value, Value> entries = new TreeMap<>();

        public Builder put(Value key, Value value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, Value value) {
            return put(StringValue.of(key), value);
        }

        /** The value already under {@code key}, or null. */
        public Value get(Value key) {
            return entries.get(key);
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public ObjectValue build() {
            return of(entries);
        }
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The value under {@code key}, or null when there is none. */
    public Value get(Value key) {
        int i = key instanceof StringValue s ? indexOf(s) : Arrays.binarySearch(keys, key);
        return i >= 0 ? values[i] : null;
    }

    /**
     * A binary search for a string key that compares string keys' texts directly: the order of
     * {@link Value#compareTo}, in a few calls less per step, which counts in a fresh process
     * before the JIT has compiled this (every field of every reference is looked up here).
     */
    private int indexOf(StringValue key) {
        int low = 0;
        int high = keys.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Value at = keys[mid];
            int c = at instanceof StringValue s ? s.value().compareTo(key.value()) : at.compareTo(key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public Value get(String key) {
        return get(StringValue.of(key));
    }

    public Value keyAt(int index) {
        return keys[index];
    }

    public Value valueAt(int index) {
        return values[index];
    }

    /** A copy with {@code key} set to {@code value}. */
    public ObjectValue with(Value key, Value value) {
        int i = Arrays.binarySearch(keys, key);
        if (i >= 0) {
            Value[] v = values.clone();
            v[i] = value;
            return new ObjectValue(keys, v);
        }
        int at = -i - 1;
        Value[] k = new Value[keys.length + 1];
        Value[] v = new Value[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new ObjectValue(k, v);
    }

    /** A copy without {@code key}. */
    public ObjectValue without(Value key) {
        int i = Arrays.binarySearch(keys, key);
        if (i < 0) {
            return this;
        }
        Value[] k = new Value[keys.length - 1];
        Value[] v = new Value[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
        return k.length == 0 ? EMPTY : new ObjectValue(k, v);
    }

    @Override
    int rank() {
        return 6;
    }

    @Override
    int compareSameKind(Value other) {
        ObjectValue o = (ObjectValue) other;
        int n = Math.min(keys.length, o.keys.length);
        for (int i = 0; i < n; i++) {
            int c = keys[i].compareTo(o.keys[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(keys.length, o.keys.length);
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values) + 6;
            hash = h;
        }
        return h;
    }
}
