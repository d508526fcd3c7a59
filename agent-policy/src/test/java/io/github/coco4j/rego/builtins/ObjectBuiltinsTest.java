package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1|object.get({\"a\": 1}, \"a\", 0)",
        "0|object.get({\"a\": 1}, \"b\", 0)",
        "2|object.get({\"a\": {\"b\": [1, 2]}}, [\"a\", \"b\", 1], 0)",
        "\"d\"|object.get({\"a\": {\"b\": 1}}, [\"a\", \"c\"], \"d\")",
        "[\"a\",\"b\"]|object.keys({\"b\": 1, \"a\": 2})",
        "{\"b\":2}|object.remove({\"a\": 1, \"b\": 2}, [\"a\"])",
        "{\"a\":1}|object.filter({\"a\": 1, \"b\": 2}, {\"a\"})",
        "true|object.subset({\"a\": {\"b\": 1, \"c\": 2}}, {\"a\": {\"b\": 1}})",
        "false|object.subset({\"a\": 1}, {\"a\": 2})",
        "{\"a\":{\"b\":1,\"c\":2}}|object.union({\"a\": {\"b\": 1}}, {\"a\": {\"c\": 2}})",
        "{\"a\":3}|object.union_n([{\"a\": 1}, {\"a\": 3}])",
        "{\"a\":[1,2],\"b\":true}|json.patch({\"a\": [1]}, [{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 2}, {\"op\": \"add\", \"path\": \"/b\", \"value\": true}])",
        "{\"b\":1}|json.patch({\"a\": 1}, [{\"op\": \"move\", \"from\": \"/a\", \"path\": \"/b\"}])",
        "undefined|json.patch({\"a\": 1}, [{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}])",
        "undefined|json.patch({}, [{\"op\": \"remove\", \"path\": \"/missing\"}])",
    })
    void computes(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void wrongArgumentsAreErrors() {
        assertError("`object.get` expects object argument", "object.get([1], 0, 0)");
        assertError("`object.remove` requires array/object/set argument", "object.remove({}, 1)");
        assertError("item at index 1 is not an object", "object.union_n([{}, 1])");
    }
}
