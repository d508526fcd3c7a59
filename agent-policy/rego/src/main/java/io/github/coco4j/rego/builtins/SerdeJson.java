package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * JSON text as serde_json writes the reference engine's values: sets as arrays, non-string keys
 * as their JSON text, and numbers that fit neither a u64 nor an i64 printed as floats in ryu's
 * form (2^64 is 1.8446744073709552e19, 0.0000001 is 1e-7).
 */
final class SerdeJson {
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SerdeJson() {
    }

    static String compact(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, -1, out);
        return out.toString();
    }

    /** Two spaces per level, ": " after keys, as {@code to_string_pretty} does. */
    static String pretty(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, 0, out);
        return out.toString();
    }

    /** A negative {@code level} writes compact text. */
    private static void write(Value v, int level, StringBuilder out) {
        if (v instanceof StringValue s) {
            ValueWriter.quote(s.value(), out);
        } else if (v instanceof NumberValue n) {
            out.append(number(n));
        } else if (v instanceof BoolValue b) {
            out.append(b.value());
        } else if (v instanceof NullValue) {
            out.append("null");
        } else if (v instanceof ObjectValue o) {
            out.append('{');
            for (int i = 0; i < o.size(); i++) {
                separate(i, level + 1, out);
                Value key = o.keyAt(i);
                ValueWriter.quote(key instanceof StringValue s ? s.value() : compact(key), out);
                out.append(level < 0 ? ":" : ": ");
                write(o.valueAt(i), level < 0 ? -1 : level + 1, out);
            }
            close(o.isEmpty(), level, '}', out);
        } else {
            List<Value> items = v instanceof ArrayValue a ? a.asList() : ((SetValue) v).asList();
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                separate(i, level + 1, out);
                write(items.get(i), level < 0 ? -1 : level + 1, out);
            }
            close(items.isEmpty(), level, ']', out);
        }
    }

    private static void separate(int index, int level, StringBuilder out) {
        if (index > 0) {
            out.append(',');
        }
        if (level > 0) {
            out.append('\n').append("  ".repeat(level));
        }
    }

    private static void close(boolean empty, int level, char bracket, StringBuilder out) {
        if (!empty && level >= 0) {
            out.append('\n').append("  ".repeat(level));
        }
        out.append(bracket);
    }

    /** The engine prints the number as decimal text and serde_json reads that back as u64, i64 or f64. */
    static String number(NumberValue n) {
        if (!n.isFloat()) {
            BigInteger i = n.toBigInteger();
            return i.compareTo(I64_MIN) >= 0 && i.compareTo(U64_MAX) <= 0 ? i.toString() : FloatText.ryu(i.doubleValue());
        }
        double d = n.toDouble();
        if (!Double.isFinite(d)) {
            throw new BuiltinException("could not serialize to json\nCaused by\ncould not serialize number");
        }
        boolean negativeZero = d == 0 && Double.doubleToRawLongBits(d) < 0;
        if (d == Math.rint(d) && !negativeZero && d >= -0x1p63 && d < 0x1p64) {
            return new BigDecimal(d).toBigInteger().toString();
        }
        return FloatText.ryu(d);
    }
}
