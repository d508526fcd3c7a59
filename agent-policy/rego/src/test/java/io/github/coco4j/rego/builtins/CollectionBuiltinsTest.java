package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aggregates, arrays and sets. */
class CollectionBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "3|count([1, 2, 3])",
        "2|count({\"a\": 1, \"b\": 2})",
        "3|count(\"héé\")",
        "6|sum([1, 2, 3])",
        "1.5|sum({0.5, 1})",
        "24|product([2, 3, 4])",
        "\"b\"|max([\"a\", \"b\"])",
        "1|min({3, 1, 2})",
        "undefined|max([])",
        "[null,false,1,\"a\"]|sort([\"a\", 1, false, null])",
        "[1,2,3]|array.concat([1], [2, 3])",
        "[3,2,1]|array.reverse([1, 2, 3])",
        "[2,3]|array.slice([1, 2, 3, 4], 1, 3)",
        "[1,2,3]|array.slice([1, 2, 3], -5, 10)",
        "[]|array.slice([1, 2, 3], 2, 1)",
        "[1,2,3]|union({{1, 2}, {2, 3}})",
        "[2]|intersection({{1, 2}, {2, 3}})",
    })
    void computes(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void wrongArgumentsAreErrors() {
        assertError("`count` requires array/object/set/string argument. Got `1`.", "count(1)");
        assertError("`sum` requires array/set argument. Got `\"a\"`.", "sum(\"a\")");
        assertError("`sum` expects numeric argument. Got `\"a\"` instead", "sum([1, \"a\"])");
        assertError("`array.concat` expects array argument", "array.concat([1], 2)");
        assertError("`union` expects set argument", "union([1])");
    }
}
