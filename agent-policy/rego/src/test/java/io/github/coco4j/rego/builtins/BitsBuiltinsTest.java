package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.coco4j.rego.value.NumberValue;
import org.junit.jupiter.api.Test;

class BitsBuiltinsTest {
    @Test
    void logicalOperations() {
        assertEquals(v("4"), strict("bits.and", v("12"), v("6")));
        assertEquals(v("14"), strict("bits.or", v("12"), v("6")));
        assertEquals(v("10"), strict("bits.xor", v("12"), v("6")));
        assertEquals(v("-13"), strict("bits.negate", v("12")));
        assertEquals(v("-4"), strict("bits.and", v("-4"), v("-1")));
        assertEquals(v("18446744073709551616"), strict("bits.or", v("18446744073709551616"), v("0")));
    }

    @Test
    void shifts() {
        assertEquals(v("4096"), strict("bits.lsh", v("1"), v("12")));
        assertEquals(v("340282366920938463463374607431768211456"), strict("bits.lsh", v("1"), v("128")));
        assertEquals(v("3"), strict("bits.rsh", v("12"), v("2")));
        assertEquals(v("-1"), strict("bits.rsh", v("-5"), v("10")));
        assertEquals(v("0"), strict("bits.rsh", v("5"), v("4294967295")));
        assertEquals(v("0"), strict("bits.lsh", v("0"), v("4294967295")));
        assertNull(strict("bits.lsh", v("1"), v("4294967296")));
        // An integral float is not a valid shift amount.
        assertNull(strict("bits.lsh", v("1"), NumberValue.ofFloat(2.0)));
        assertEquals("`bits.lsh` result would exceed 1048576 bits", error("bits.lsh", v("1"), v("2000000")));
    }

    @Test
    void nonIntegersAreErrorsWhenStrictAndUndefinedOtherwise() {
        assertEquals("bits.and: operand 1 must be integer number but got floating-point number",
                error("bits.and", v("1.5"), v("1")));
        assertNull(lax("bits.and", v("1.5"), v("1")));
        assertEquals("bits.rsh: operand 2 must be an unsigned integer number but got a negative integer",
                error("bits.rsh", v("8"), v("-1")));
        assertNull(lax("bits.lsh", v("8"), v("-1")));
        assertEquals("`bits.xor` expects numeric argument. Got `\"x\"` instead", error("bits.xor", v("1.5"), v("'x'")));
    }
}
