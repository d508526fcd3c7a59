package io.github.coco4j.rego.value;

public final class StringValue extends Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

    private StringValue(String value) {
        this.value = value;
    }

    public static StringValue of(String value) {
        return value.isEmpty() ? EMPTY : new StringValue(value);
    }

    public String value() {
        return value;
    }

    @Override
    int rank() {
        return 3;
    }

    @Override
    int compareSameKind(Value other) {
        return value.compareTo(((StringValue) other).value);
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
