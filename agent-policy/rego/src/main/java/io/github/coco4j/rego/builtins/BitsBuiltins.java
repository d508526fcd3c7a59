package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.function.BinaryOperator;

/** bits.and, or, xor, negate, lsh and rsh over integers of any size. */
final class BitsBuiltins implements BuiltinFamily {
    private static final long MAX_SHIFT_AMOUNT = 0xFFFF_FFFFL;
    /** A left shift is refused beyond this many result bits rather than exhausting memory. */
    private static final int MAX_RESULT_BITS = 1 << 20;

    @Override
    public void register(Builtins t) {
        t.add("bits.and", 2, (c, a) -> binary(c, "bits.and", a, BigInteger::and));
        t.add("bits.or", 2, (c, a) -> binary(c, "bits.or", a, BigInteger::or));
        t.add("bits.xor", 2, (c, a) -> binary(c, "bits.xor", a, BigInteger::xor));
        t.add("bits.negate", 1, (c, a) -> {
            NumberValue x = Args.number("bits.negate", a[0]);
            if (!valid(c, "bits.negate", 1, x, true)) {
                return null;
            }
            BigInteger v = x.toBigInteger();
            return v == null ? null : NumberValue.of(v.not());
        });
        t.add("bits.lsh", 2, (c, a) -> shift(c, "bits.lsh", a, true));
        t.add("bits.rsh", 2, (c, a) -> shift(c, "bits.rsh", a, false));
    }

    private static Value binary(BuiltinContext c, String fn, Value[] a, BinaryOperator<BigInteger> op) {
        NumberValue x = Args.number(fn, a[0]);
        NumberValue y = Args.number(fn, a[1]);
        if (!valid(c, fn, 1, x, true) || !valid(c, fn, 2, y, true)) {
            return null;
        }
        // Integral floats beyond 2^53 have no exact integer: undefined.
        BigInteger bx = x.toBigInteger();
        BigInteger by = y.toBigInteger();
        return bx == null || by == null ? null : NumberValue.of(op.apply(bx, by));
    }

    private static Value shift(BuiltinContext c, String fn, Value[] a, boolean left) {
        NumberValue x = Args.number(fn, a[0]);
        NumberValue by = Args.number(fn, a[1]);
        if (!valid(c, fn, 1, x, true) || !valid(c, fn, 2, by, false)) {
            return null;
        }
        BigInteger value = x.toBigInteger();
        // The shift must be a 32-bit unsigned integer, and not a float even when integral.
        BigInteger amount = by.isFloat() ? null : by.toBigInteger();
        if (value == null || amount == null || amount.compareTo(BigInteger.valueOf(MAX_SHIFT_AMOUNT)) > 0) {
            return null;
        }
        long n = amount.longValue();
        if (!left) {
            return NumberValue.of(n >= Integer.MAX_VALUE ? BigInteger.valueOf(value.signum() < 0 ? -1 : 0)
                    : value.shiftRight((int) n));
        }
        if (value.signum() == 0) {
            return NumberValue.ZERO;
        }
        if (value.bitLength() + n > MAX_RESULT_BITS) {
            throw new BuiltinException("`" + fn + "` result would exceed " + MAX_RESULT_BITS + " bits");
        }
        return NumberValue.of(value.shiftLeft((int) n));
    }

    /**
     * Whether operand {@code index} is an integer (non-negative if required); otherwise undefined,
     * or, when strict, OPA's type error.
     */
    private static boolean valid(BuiltinContext c, String fn, int index, NumberValue n, boolean allowNegative) {
        String problem = !n.isInteger() ? "integer number but got floating-point number"
                : !allowNegative && n.signum() < 0 ? "an unsigned integer number but got a negative integer" : null;
        if (problem == null) {
            return true;
        }
        if (c.strict()) {
            throw BuiltinException.typeError(fn + ": operand " + index + " must be " + problem);
        }
        return false;
    }
}
