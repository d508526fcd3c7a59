package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** to_number. */
final class ConversionBuiltins implements BuiltinFamily {
    /** A JSON number, with the whitespace JSON allows around it. */
    private static final Pattern JSON_NUMBER =
            Pattern.compile("[ \\t\\n\\r]*(-?(?:0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]{1,18})?)[ \\t\\n\\r]*");
    private static final long MAX_EXPONENT = 10_000;

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
     * Strings are read as JSON numbers, the whitespace JSON allows around them included, and keep
     * every digit as values read from JSON do.
     */
    private static NumberValue parseJsonNumber(String text) {
        Matcher m = JSON_NUMBER.matcher(text);
        if (!m.matches()) {
            throw new BuiltinException("could not parse string as number");
        }
        // An exact value of a huge exponent would take unbounded time and memory.
        if (m.group(3) != null && Math.abs(Long.parseLong(m.group(3).substring(1).replace("+", ""))) > MAX_EXPONENT) {
            throw new BuiltinException("could not parse string as number");
        }
        return NumberValue.parse(m.group(1));
    }
}
