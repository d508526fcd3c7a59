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

/** abs, ceil, floor, round, numbers.range, numbers.range_step and rand.intn. */
final class NumberBuiltins implements BuiltinFamily {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RANGE = 10_000_000;

    @Override
    public void register(Builtins t) {
        t.add("abs", 1, (c, a) -> {
            NumberValue n = Args.number("abs", a[0]);
            return n.signum() < 0 ? n.negate() : n;
        });
        t.add("ceil", 1, (c, a) -> rounded(Args.number("ceil", a[0]), RoundingMode.CEILING));
        t.add("floor", 1, (c, a) -> rounded(Args.number("floor", a[0]), RoundingMode.FLOOR));
        t.add("round", 1, (c, a) -> rounded(Args.number("round", a[0]), RoundingMode.HALF_UP));
        t.add("numbers.range", 2, (c, a) -> range(c, "numbers.range", a[0], a[1], NumberValue.ONE, false));
        t.add("numbers.range_step", 3, (c, a) -> range(c, "numbers.range_step", a[0], a[1], Args.number("numbers.range_step", a[2]), true));
        t.add("rand.intn", 2, (c, a) -> {
            String key = Args.string("rand.intn", a[0]);
            NumberValue n = Args.number("rand.intn", a[1]);
            if (!n.isInteger() || n.signum() < 0 || n.toLong() == null) {
                return null;
            }
            long bound = n.toLong();
            // The same key and bound give the same number for the whole evaluation.
            return (Value) c.evaluationCache().computeIfAbsent(List.of("rand.intn", key, bound),
                    k -> NumberValue.of(bound == 0 ? 0 : RANDOM.nextLong(bound)));
        });
    }

    private static Value rounded(NumberValue n, RoundingMode mode) {
        if (n.isInteger()) {
            return n;
        }
        BigDecimal d = n.toBigDecimal().setScale(0, mode);
        return NumberValue.of(d.toBigIntegerExact());
    }

    private static Value range(BuiltinContext c, String fn, Value from, Value to, NumberValue step, boolean explicitStep) {
        NumberValue start = Args.number(fn, from);
        NumberValue stop = Args.number(fn, to);
        if (!start.isInteger() || !stop.isInteger()) {
            if (c.strict()) {
                throw new BuiltinException("operand must be integer");
            }
            return null;
        }
        if (explicitStep && (!step.isInteger() || step.signum() <= 0)) {
            if (c.strict()) {
                throw new BuiltinException("step must be a positive integer");
            }
            return null;
        }
        BigInteger a = start.toBigInteger();
        BigInteger b = stop.toBigInteger();
        BigInteger s = step.toBigInteger();
        if (a.subtract(b).abs().divide(s).compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw new BuiltinException("`" + fn + "` would produce more than " + MAX_RANGE + " numbers");
        }
        boolean up = a.compareTo(b) <= 0;
        List<Value> out = new ArrayList<>();
        for (BigInteger v = a; up ? v.compareTo(b) <= 0 : v.compareTo(b) >= 0; v = up ? v.add(s) : v.subtract(s)) {
            out.add(NumberValue.of(v));
        }
        return ArrayValue.of(out);
    }
}
