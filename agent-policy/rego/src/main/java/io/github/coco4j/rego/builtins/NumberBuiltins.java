package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** abs, ceil, floor, round, numbers.range, numbers.range_step and rand.intn. */
final class NumberBuiltins implements BuiltinFamily {
    /** Made on first use (holder idiom): seeding it costs milliseconds at load, and only rand.intn needs it. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /** Ranges are materialised as arrays; beyond this size they fail instead of exhausting memory. */
    private static final long MAX_RANGE = 10_000_000;

    @Override
    public void register(Builtins t) {
        t.add("abs", 1, (c, a) -> {
            NumberValue n = Args.number("abs", a[0]);
            if (n.isFloat()) {
                return NumberValue.ofFloat(Math.abs(n.toDouble()));
            }
            return n.signum() < 0 ? n.negate() : n;
        });
        t.add("ceil", 1, (c, a) -> rounded(Args.number("ceil", a[0]), Math::ceil));
        t.add("floor", 1, (c, a) -> rounded(Args.number("floor", a[0]), Math::floor));
        t.add("round", 1, (c, a) -> rounded(Args.number("round", a[0]), NumberBuiltins::halfAwayFromZero));
        t.add("numbers.range", 2, NumberBuiltins::range);
        t.add("numbers.range_step", 3, NumberBuiltins::rangeStep);
        t.add("rand.intn", 2, NumberBuiltins::intn);
    }

    /** Integers are returned as they are; a float is rounded and becomes an integer when it can. */
    private static Value rounded(NumberValue n, DoubleUnaryOperator op) {
        return n.isFloat() ? NumberValue.normalized(op.applyAsDouble(n.toDouble())) : n;
    }

    private static double halfAwayFromZero(double d) {
        if (!Double.isFinite(d)) {
            return d;
        }
        return new BigDecimal(d).setScale(0, RoundingMode.HALF_UP).doubleValue();
    }

    private static Value range(BuiltinContext c, Value[] a) {
        String fn = "numbers.range";
        NumberValue from = Args.number(fn, a[0]);
        NumberValue to = Args.number(fn, a[1]);
        integral(fn, 1, from);
        integral(fn, 2, to);
        long diff = elementsSpan(to.subtract(from));
        long step = diff >= 0 ? 1 : -1;
        return steps(fn, from, NumberValue.of(step), Math.abs(diff) + 1);
    }

    private static Value rangeStep(BuiltinContext c, Value[] a) {
        String fn = "numbers.range_step";
        NumberValue from = Args.number(fn, a[0]);
        NumberValue to = Args.number(fn, a[1]);
        NumberValue step = Args.number(fn, a[2]);
        integral(fn, 1, from);
        integral(fn, 2, to);
        if (c.strict() && (!step.isInteger() || step.signum() <= 0)) {
            throw new BuiltinException("step must be a positive integer");
        }
        long diff = elementsSpan(to.subtract(from));
        Long size = step.isInteger() ? step.toLong() : null;
        if (size == null) {
            throw new BuiltinException("could not determine number of elements");
        }
        if (size == 0) {
            throw new BuiltinException("step must be a positive integer");
        }
        // Counting down negates the step. A negative step (accepted when not strict) walks away
        // from the end: only an empty span still yields its start.
        long signed = diff >= 0 ? size : -size;
        long count = size > 0 ? Math.abs(diff) / size + 1 : diff == 0 ? 1 : 0;
        return steps(fn, from, NumberValue.of(signed), count);
    }

    /** A range's bounds are integers; anything else is OPA's type error, strict or not. */
    private static void integral(String fn, int index, NumberValue n) {
        if (!n.isInteger()) {
            throw BuiltinException.typeError(
                    fn + ": operand " + index + " must be integer number but got floating-point number");
        }
    }

    private static long elementsSpan(NumberValue diff) {
        Long d = diff.isInteger() ? diff.toLong() : null;
        if (d == null || d == Long.MIN_VALUE) {
            throw new BuiltinException("could not determine number of elements");
        }
        return d;
    }

    private static Value steps(String fn, NumberValue from, NumberValue step, long count) {
        if (count > MAX_RANGE) {
            throw new BuiltinException("`" + fn + "` would produce more than " + MAX_RANGE + " numbers");
        }
        List<Value> out = new ArrayList<>((int) count);
        NumberValue v = from;
        for (long i = 0; i < count; i++) {
            out.add(v);
            v = v.add(step);
        }
        return ArrayValue.of(out);
    }

    /** A number in [0, n); the same key and bound give the same number for the whole evaluation. */
    private static Value intn(BuiltinContext c, Value[] a) {
        Args.string("rand.intn", a[0]);
        NumberValue n = Args.number("rand.intn", a[1]);
        BigInteger bound = n.isInteger() ? n.toBigInteger() : null;
        if (bound == null || bound.signum() < 0 || bound.bitLength() > 64) {
            return null;
        }
        return (Value) c.evaluationCache().computeIfAbsent(List.of("rand.intn", a[0], a[1]),
                k -> NumberValue.of(bound.signum() == 0 ? BigInteger.ZERO : below(bound)));
    }

    private static BigInteger below(BigInteger bound) {
        BigInteger r;
        do {
            r = new BigInteger(bound.bitLength(), Random.SOURCE);
        } while (r.compareTo(bound) >= 0);
        return r;
    }
}
