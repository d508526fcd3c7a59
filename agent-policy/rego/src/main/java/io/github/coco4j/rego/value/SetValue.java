package io.github.coco4j.rego.value;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A set: its elements kept sorted and unique, so iteration follows the value order. */
public final class SetValue extends Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);

    private final Value[] elements;
    private int hash;

    private SetValue(Value[] sortedUnique) {
        this.elements = sortedUnique;
    }

    public static SetValue of(Collection<? extends Value> elements) {
        return fromUnsorted(elements.toArray(new Value[0]));
    }

    public static SetValue of(Value... elements) {
        return fromUnsorted(elements.clone());
    }

    /** Sorts and de-duplicates {@code elements} in place and takes ownership of the array. */
    public static SetValue fromUnsorted(Value[] elements) {
        if (elements.length == 0) {
            return EMPTY;
        }
        Arrays.sort(elements);
        int unique = 1;
        for (int i = 1; i < elements.length; i++) {
            if (elements[i].compareTo(elements[unique - 1]) != 0) {
                elements[unique++] = elements[i];
            }
        }
        return new SetValue(unique == elements.length ? elements : Arrays.copyOf(elements, unique));
    }

    public int size() {
        return elements.length;
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    public boolean contains(Value value) {
        return Arrays.binarySearch(elements, value) >= 0;
    }

    /** The elements in order. */
    public List<Value> asList() {
        return Arrays.asList(elements).subList(0, elements.length);
    }

    public Value get(int index) {
        return elements[index];
    }

    public SetValue union(SetValue other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Value[] merged = Arrays.copyOf(elements, elements.length + other.elements.length);
        System.arraycopy(other.elements, 0, merged, elements.length, other.elements.length);
        return fromUnsorted(merged);
    }

    public SetValue intersection(SetValue other) {
        return filter(other, true);
    }

    public SetValue difference(SetValue other) {
        return filter(other, false);
    }

    private SetValue filter(SetValue other, boolean keepCommon) {
        Value[] kept = new Value[elements.length];
        int n = 0;
        for (Value v : elements) {
            if (other.contains(v) == keepCommon) {
                kept[n++] = v;
            }
        }
        return n == 0 ? EMPTY : new SetValue(Arrays.copyOf(kept, n));
    }

    @Override
    int rank() {
        return 5;
    }

    @Override
    int compareSameKind(Value other) {
        return ArrayValue.compareSequences(elements, ((SetValue) other).elements);
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements) + 5;
            hash = h;
        }
        return h;
    }
}
