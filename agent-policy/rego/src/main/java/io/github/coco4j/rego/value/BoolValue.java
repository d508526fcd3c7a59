package io.github.coco4j.rego.value;

public final class BoolValue extends Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    private final boolean value;

    private BoolValue(boolean value) {
        this.value = value;
    }

    public static BoolValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    int rank() {
        return 1;
    }

    @Override
    int compareSameKind(Value other) {
        return Boolean.compare(value, ((BoolValue) other).value);
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public int hashCode() {
        return value ? 1231 : 1237;
    }
}
