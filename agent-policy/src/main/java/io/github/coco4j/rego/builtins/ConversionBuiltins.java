package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** to_number. */
final class ConversionBuiltins implements BuiltinFamily {
    /** A JSON number, with the whitespace JSON allows around it. */
    private static final Pattern JSON_NUMBER =
            Pattern.compile("[ \\t\\n\\r]*(-?(?:0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)[ \\t\\n\\r]*");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public void register(Builtins t) {
        t.add("to_number", 1, (c, a) -> toNumber(a[0]));
    }

    private static Value toNumber(Value v) {
        if (v instanceof NumberValue) {
            return v;
        }
        if (v instanceof NullValue) {
            return NumberValue.ZERO;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? NumberValue.ONE : NumberValue.ZERO;
        }
        if (v instanceof StringValue s) {
            return parseJsonNumber(s.value());
        }
        throw new BuiltinException("`to_number` expects bool/number/string/null argument.");
    }

    /**
     * Strings are read as JSON numbers, the way the reference engine's JSON reader does: integers
     * within 64 bits exactly, anything else as a double.
     */
    private static NumberValue parseJsonNumber(String text) {
        Matcher m = JSON_NUMBER.matcher(text);
        if (!m.matches()) {
            throw new BuiltinException("could not parse string as number");
        }
        String number = m.group(1);
        if (m.group(2) == null && m.group(3) == null) {
            BigInteger i = new BigInteger(number);
            if (i.compareTo(MIN) >= 0 && i.compareTo(MAX) <= 0) {
                return NumberValue.of(i);
            }
        }
        double d = Double.parseDouble(number);
        if (Double.isInfinite(d)) {
            throw new BuiltinException("could not parse string as number");
        }
        return NumberValue.normalized(d);
    }
}
