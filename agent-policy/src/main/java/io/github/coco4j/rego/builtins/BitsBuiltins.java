package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.function.BinaryOperator;

/** bits.and, or, xor, negate, lsh and rsh over integers. */
final class BitsBuiltins implements BuiltinFamily {
    private static final int MAX_SHIFT = 4096;

    @Override
    public void register(Builtins t) {
        t.add("bits.and", 2, (c, a) -> binary(c, "bits.and", a, BigInteger::and));
        t.add("bits.or", 2, (c, a) -> binary(c, "bits.or", a, BigInteger::or));
        t.add("bits.xor", 2, (c, a) -> binary(c, "bits.xor", a, BigInteger::xor));
        t.add("bits.negate", 1, (c, a) -> {
            BigInteger v = integer(c, "bits.negate", a[0], true);
            return v == null ? null : NumberValue.of(v.not());
        });
        t.add("bits.lsh", 2, (c, a) -> shift(c, "bits.lsh", a, true));
        t.add("bits.rsh", 2, (c, a) -> shift(c, "bits.rsh", a, false));
    }

    private static Value binary(BuiltinContext c, String fn, Value[] a, BinaryOperator<BigInteger> op) {
        BigInteger x = integer(c, fn, a[0], true);
        BigInteger y = integer(c, fn, a[1], true);
        return x == null || y == null ? null : NumberValue.of(op.apply(x, y));
    }

    private static Value shift(BuiltinContext c, String fn, Value[] a, boolean left) {
        BigInteger x = integer(c, fn, a[0], true);
        BigInteger by = integer(c, fn, a[1], false);
        if (x == null || by == null || by.compareTo(BigInteger.valueOf(MAX_SHIFT)) > 0) {
            return null;
        }
        return NumberValue.of(left ? x.shiftLeft(by.intValue()) : x.shiftRight(by.intValue()));
    }

    /** The integer value, or null (an error when strict) for a non-integer or a disallowed negative. */
    private static BigInteger integer(BuiltinContext c, String fn, Value v, boolean allowNegative) {
        NumberValue n = Args.number(fn, v);
        String problem = !n.isInteger() ? "integer" : !allowNegative && n.signum() < 0 ? "non-negative integer" : null;
        if (problem != null) {
            if (c.strict()) {
                throw new BuiltinException("`" + fn + "` expects " + problem + " arguments. Got `" + v + "`");
            }
            return null;
        }
        return n.toBigInteger();
    }
}
