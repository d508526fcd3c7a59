package io.github.coco4j.rego.value;

public final class NullValue extends Value {
    public static final NullValue NULL = new NullValue();

    private NullValue() {
    }

    @Override
    int rank() {
        return 0;
    }

    @Override
    int compareSameKind(Value other) {
        return 0;
    }

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
