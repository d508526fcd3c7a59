package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import org.junit.jupiter.api.Test;

class AggregateBuiltinsTest {
    @Test
    void countsCollectionsAndUtf16CodeUnits() {
        assertEquals(v("3"), strict("count", v("[1, 2, 2]")));
        assertEquals(v("2"), strict("count", set("[1, 2, 2]")));
        assertEquals(v("1"), strict("count", v("{'a': 1}")));
        // U+1F600 is two UTF-16 code units, as the reference engine counts them.
        assertEquals(v("3"), strict("count", StringValue.of("a\uD83D\uDE00")));
    }

    @Test
    void countOfAScalarIsAnErrorOnlyWhenStrict() {
        assertEquals("`count` requires array/object/set/string argument. Got `1`.", error("count", v("1")));
        assertNull(lax("count", v("1")));
    }

    @Test
    void sumAndProductKeepIntegersExact() {
        assertEquals(v("6"), strict("sum", v("[1, 2, 3]")));
        assertEquals(v("0"), strict("sum", v("[]")));
        assertEquals(v("18446744073709551616"), strict("sum", v("[18446744073709551615, 1]")));
        assertEquals(v("4"), strict("sum", v("[1.5, 2.5]")));
        assertEquals(v("24"), strict("product", set("[2, 3, 4]")));
        assertEquals(v("1"), strict("product", v("[]")));
        assertEquals(v("340282366920938463426481119284349108225"),
                strict("product", v("[18446744073709551615, 18446744073709551615]")));
    }

    @Test
    void sumAndProductRejectNonNumbers() {
        assertEquals("`sum` expects numeric argument. Got `\"a\"` instead", error("sum", v("[1, 'a']")));
        assertEquals("`product` requires array/set argument. Got `{}`.", error("product", v("{}")));
    }

    @Test
    void maxAndMinFollowTheValueOrder() {
        assertEquals(v("'a'"), strict("max", v("[1, 'a', null]")));
        assertEquals(v("null"), strict("min", v("[1, 'a', null]")));
        assertEquals(v("3"), strict("max", set("[1, 3, 2]")));
        assertEquals(v("1.5"), strict("min", v("[2, 1.5]")));
        assertNull(strict("max", v("[]")));
        assertNull(strict("min", set("[]")));
        assertEquals("`max` requires array/set argument. Got `\"ab\"`.", error("max", v("'ab'")));
    }

    @Test
    void sortReturnsAnArray() {
        assertEquals(v("[null, false, 1, 'a', [1]]"), strict("sort", v("['a', [1], 1, null, false]")));
        assertEquals(v("[1, 2, 3]"), strict("sort", set("[3, 1, 2]")));
        assertEquals("`sort` requires array/set argument. Got `{\"a\":1}`.", error("sort", v("{'a': 1}")));
    }

    @Test
    void equalNumbersOfDifferentFormsCompareEqual() {
        assertTrue(strict("max", v("[1, 1.0]")) instanceof NumberValue n && n.isInteger());
    }
}
