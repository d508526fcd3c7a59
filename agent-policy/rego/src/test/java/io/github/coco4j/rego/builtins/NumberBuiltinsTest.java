package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.call;
import static io.github.coco4j.rego.builtins.BuiltinCalls.context;
import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {
    @Test
    void absKeepsExactness() {
        assertEquals(v("3"), strict("abs", v("-3")));
        assertEquals(v("2.5"), strict("abs", v("-2.5")));
        assertEquals(v("9223372036854775808"), strict("abs", v("-9223372036854775808")));
        assertEquals("`abs` expects numeric argument. Got `\"1\"` instead", error("abs", v("'1'")));
    }

    @Test
    void roundingGoesHalfAwayFromZero() {
        String[] inputs = {"-9.4", "-9.5", "-9.6", "9.4", "9.5", "9.6", "8", "-8"};
        String[] expected = {"-9", "-10", "-10", "9", "10", "10", "8", "-8"};
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(v(expected[i]), strict("round", v(inputs[i])), inputs[i]);
        }
        assertEquals(v("0"), strict("round", v("0.49999999999999994")));
        assertEquals(v("0"), strict("round", v("-0.49999999999999994")));
        assertEquals(v("2"), strict("ceil", v("1.1")));
        assertEquals(v("-1"), strict("ceil", v("-1.9")));
        assertEquals(v("1"), strict("floor", v("1.9")));
        assertEquals(v("-2"), strict("floor", v("-1.1")));
        assertEquals(v("18446744073709551616"), strict("floor", v("18446744073709551616")));
        NumberValue rounded = (NumberValue) strict("floor", v("2.5"));
        assertTrue(!rounded.isFloat() && rounded.equals(NumberValue.of(2)));
    }

    @Test
    void rangeCountsUpOrDown() {
        assertEquals(v("[1, 2, 3, 4, 5]"), strict("numbers.range", v("1"), v("5")));
        assertEquals(v("[-1, -2, -3]"), strict("numbers.range", v("-1"), v("-3")));
        assertEquals(v("[8]"), strict("numbers.range", v("8"), v("8")));
        assertEquals("numbers.range: operand 1 must be integer number but got floating-point number",
                error("numbers.range", v("1.01"), v("5")));
        assertEquals("numbers.range: operand 2 must be integer number but got floating-point number",
                error("numbers.range", v("1"), v("5.01")));
        assertEquals("`numbers.range` expects numeric argument. Got `\"2\"` instead", error("numbers.range", v("1"), v("'2'")));
    }

    @Test
    void rangeStep() {
        assertEquals(v("[0, 3, 6, 9]"), strict("numbers.range_step", v("0"), v("10"), v("3")));
        assertEquals(v("[10, 7, 4, 1]"), strict("numbers.range_step", v("10"), v("0"), v("3")));
        assertEquals(v("[2]"), strict("numbers.range_step", v("2"), v("2"), v("5")));
        assertEquals("step must be a positive integer", error("numbers.range_step", v("0"), v("10"), v("0")));
        assertEquals("step must be a positive integer", error("numbers.range_step", v("0"), v("10"), v("-1")));
        assertEquals("step must be a positive integer", error("numbers.range_step", v("0"), v("10"), v("1.5")));
        // Not strict: a negative step walks away from the end.
        assertEquals(v("[]"), lax("numbers.range_step", v("1"), v("5"), v("-1")));
        assertEquals("`numbers.range_step` expects numeric argument. Got `\"a\"` instead",
                error("numbers.range_step", v("'a'"), v("10"), v("'b'")));
    }

    @Test
    void hugeRangesFailInsteadOfExhaustingMemory() {
        assertEquals("`numbers.range` would produce more than 10000000 numbers",
                error("numbers.range", v("0"), v("100000000000")));
        assertEquals("could not determine number of elements", error("numbers.range", v("0"), v("1e30")));
    }

    @Test
    void randIntnIsStablePerKeyWithinAnEvaluation() {
        BuiltinContext evaluation = context(true);
        Value first = call(evaluation, "rand.intn", v("'x'"), v("1000000"));
        assertEquals(first, call(evaluation, "rand.intn", v("'x'"), v("1000000")));
        Set<Value> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Value n = call(context(true), "rand.intn", v("'x'"), v("1000000"));
            assertTrue(((NumberValue) n).signum() >= 0 && n.compareTo(v("1000000")) < 0);
            seen.add(n);
        }
        assertTrue(seen.size() > 1, "fresh evaluations draw fresh numbers");
        assertEquals(v("0"), strict("rand.intn", v("'b'"), v("0")));
        assertTrue(strict("rand.intn", v("'b'"), v("18446744073709551615")) instanceof NumberValue);
    }

    @Test
    void randIntnOfANegativeOrFractionalBoundIsUndefined() {
        assertNull(strict("rand.intn", v("'a'"), v("10.3")));
        assertNull(strict("rand.intn", v("'a'"), v("-1")));
        assertEquals("`rand.intn` expects string argument. Got `1` instead", error("rand.intn", v("1"), v("2")));
        assertEquals("`rand.intn` expects numeric argument. Got `\"b\"` instead", error("rand.intn", v("'a'"), v("'b'")));
    }
}
