package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Argument checks shared by the builtins, with the reference engine's messages. */
final class Args {
    private Args() {
    }

    static String string(String fn, Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw expected(fn, "string", v);
    }

    static NumberValue number(String fn, Value v) {
        if (v instanceof NumberValue n) {
            return n;
        }
        throw new BuiltinException("`" + fn + "` expects numeric argument. Got `" + v + "` instead");
    }

    /** An integral number that fits a long. */
    static long integer(String fn, Value v) {
        NumberValue n = number(fn, v);
        Long l = n.isInteger() ? n.toLong() : null;
        if (l == null) {
            throw new BuiltinException("`" + fn + "` expects integer argument. Got `" + v + "` instead");
        }
        return l;
    }

    /**
     * The number as a long when it is integral and within the range of a long, whatever its
     * representation (an integral float beyond 2^53 included); null otherwise.
     */
    static Long asLong(NumberValue n) {
        if (!n.isInteger()) {
            return null;
        }
        if (n.isFloat()) {
            double d = n.toDouble();
            // The cast saturates at the bounds, as the reference engine's conversion does.
            return d >= -0x1p63 && d <= 0x1p63 ? (long) d : null;
        }
        return n.toLong();
    }

    static ArrayValue array(String fn, Value v) {
        if (v instanceof ArrayValue a) {
            return a;
        }
        throw expected(fn, "array", v);
    }

    static SetValue set(String fn, Value v) {
        if (v instanceof SetValue s) {
            return s;
        }
        throw expected(fn, "set", v);
    }

    static ObjectValue object(String fn, Value v) {
        if (v instanceof ObjectValue o) {
            return o;
        }
        throw expected(fn, "object", v);
    }

    /** The strings of an array or set. */
    static List<String> strings(String fn, Value v) {
        List<Value> elements = v instanceof ArrayValue a ? a.asList() : v instanceof SetValue s ? s.asList() : null;
        if (elements == null) {
            throw new BuiltinException("`" + fn + "` expects array/set of strings.");
        }
        List<String> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof StringValue s)) {
                throw new BuiltinException("`" + fn + "` expects string collection. Element " + i + " is not a string.");
            }
            out.add(s.value());
        }
        return out;
    }

    static BuiltinException expected(String fn, String kind, Value v) {
        return new BuiltinException("`" + fn + "` expects " + kind + " argument. Got `" + v + "` instead");
    }
}
