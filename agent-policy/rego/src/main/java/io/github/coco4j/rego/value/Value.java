package io.github.coco4j.rego.value;

/**
 * A Rego value. Values are immutable and totally ordered: null &lt; booleans &lt; numbers &lt;
 * strings &lt; arrays &lt; sets &lt; objects, each kind ordered within itself (composites
 * lexicographically), which is the order sets and object keys iterate in.
 */
public abstract sealed class Value implements Comparable<Value>
        permits NullValue, BoolValue, NumberValue, StringValue, ArrayValue, SetValue, ObjectValue {

    /** Rank of the kind in the total order. */
    abstract int rank();

    /** Compares with a value of the same kind. */
    abstract int compareSameKind(Value other);

    /** The kind's name as {@code type_name} reports it. */
    public abstract String typeName();

    @Override
    public final int compareTo(Value other) {
        if (this == other) {
            return 0;
        }
        int rank = rank();
        int otherRank = other.rank();
        return rank != otherRank ? Integer.compare(rank, otherRank) : compareSameKind(other);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof Value v && compareTo(v) == 0;
    }

    @Override
    public abstract int hashCode();

    /** JSON text (sets as arrays), the form {@code json.marshal} and messages use. */
    @Override
    public final String toString() {
        StringBuilder out = new StringBuilder();
        ValueWriter.json(this, out);
        return out.toString();
    }
}
