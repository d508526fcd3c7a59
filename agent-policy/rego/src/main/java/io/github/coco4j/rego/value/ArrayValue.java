package io.github.coco4j.rego.value;

import java.util.Arrays;
import java.util.List;

public final class ArrayValue extends Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elements;
    private int hash;

    private ArrayValue(Value[] elements) {
        this.elements = elements;
    }

    /** Takes ownership of {@code elements}: the caller must not change the array afterwards. */
    public static ArrayValue wrap(Value[] elements) {
        return elements.length == 0 ? EMPTY : new ArrayValue(elements);
    }

    public static ArrayValue of(List<? extends Value> elements) {
        return wrap(elements.toArray(new Value[0]));
    }

    public static ArrayValue of(Value... elements) {
        return wrap(elements.clone());
    }

    public int size() {
        return elements.length;
    }

    public Value get(int index) {
        return elements[index];
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    public List<Value> asList() {
        return Arrays.asList(elements).subList(0, elements.length);
    }

    /** A copy of the elements. */
    public Value[] toArray() {
        return elements.clone();
    }

    @Override
    int rank() {
        return 4;
    }

    @Override
    int compareSameKind(Value other) {
        return compareSequences(elements, ((ArrayValue) other).elements);
    }

    static int compareSequences(Value[] a, Value[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements) + 4;
            hash = h;
        }
        return h;
    }
}
