package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ArrayBuiltinsTest {
    @Test
    void concatAppendsTheSecondArray() {
        assertEquals(v("[1, 2, 2, 3]"), strict("array.concat", v("[1, 2]"), v("[2, 3]")));
        assertEquals(v("[]"), strict("array.concat", v("[]"), v("[]")));
        assertEquals("`array.concat` expects array argument. Got `[1]` instead",
                error("array.concat", v("[]"), set("[1]")));
    }

    @Test
    void reverse() {
        assertEquals(v("[3, 2, 1]"), strict("array.reverse", v("[1, 2, 3]")));
        assertEquals("`array.reverse` expects array argument. Got `\"abc\"` instead", error("array.reverse", v("'abc'")));
    }

    @Test
    void sliceClampsItsBounds() {
        assertEquals(v("[2, 3]"), strict("array.slice", v("[1, 2, 3, 4]"), v("1"), v("3")));
        assertEquals(v("[1, 2]"), strict("array.slice", v("[1, 2, 3, 4]"), v("-5"), v("2")));
        assertEquals(v("[3, 4]"), strict("array.slice", v("[1, 2, 3, 4]"), v("2"), v("100")));
        assertEquals(v("[]"), strict("array.slice", v("[1, 2, 3, 4]"), v("3"), v("1")));
        assertEquals(v("[]"), strict("array.slice", v("[1, 2]"), v("5"), v("9")));
        assertEquals(v("[2]"), strict("array.slice", v("[1, 2]"), v("1.0"), v("2")));
    }

    @Test
    void sliceWithFractionalOrHugeBoundsIsUndefined() {
        assertNull(strict("array.slice", v("[1, 2]"), v("0.5"), v("2")));
        assertNull(strict("array.slice", v("[1, 2]"), v("0"), v("1e30")));
        assertEquals("`array.slice` expects numeric argument. Got `\"1\"` instead",
                error("array.slice", v("[1]"), v("'1'"), v("2")));
    }
}
