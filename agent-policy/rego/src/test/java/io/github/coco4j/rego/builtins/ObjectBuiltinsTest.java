package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;
import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
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
    void computesThroughTheEngine(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void wrongArgumentsAreErrorsThroughTheEngine() {
        assertError("`object.get` expects object argument", "object.get([1], 0, 0)");
        assertError("`object.remove` requires array/object/set argument", "object.remove({}, 1)");
        assertError("item at index 1 is not an object", "object.union_n([{}, 1])");
    }

    @Test
    void getByKeyOrPath() {
        Value doc = v("{'a': {'b': [10, 20]}, 'c': null}");
        assertEquals(v("{'b': [10, 20]}"), strict("object.get", doc, v("'a'"), v("0")));
        assertEquals(v("null"), strict("object.get", doc, v("'c'"), v("0")));
        assertEquals(v("0"), strict("object.get", doc, v("'x'"), v("0")));
        assertEquals(v("20"), strict("object.get", doc, v("['a', 'b', 1]"), v("0")));
        assertEquals(v("0"), strict("object.get", doc, v("['a', 'b', 2]"), v("0")));
        assertEquals(v("0"), strict("object.get", doc, v("['a', 'b', '1']"), v("0")));
        assertEquals(doc, strict("object.get", doc, v("[]"), v("0")));
        Value withSet = ObjectValue.builder().put("s", set("['x']")).build();
        assertEquals(v("'x'"), strict("object.get", withSet, v("['s', 'x']"), v("0")));
        assertEquals("`object.get` expects object argument. Got `[]` instead", error("object.get", v("[]"), v("'a'"), v("0")));
    }

    @Test
    void keysRemoveAndFilter() {
        Value doc = v("{'a': 1, 'b': 2, 'c': 3}");
        assertEquals(set("['a', 'b', 'c']"), strict("object.keys", doc));
        assertEquals(v("{'c': 3}"), strict("object.remove", doc, v("['a', 'b']")));
        assertEquals(v("{'a': 1}"), strict("object.remove", doc, set("['b', 'c']")));
        assertEquals(v("{'b': 2}"), strict("object.remove", doc, v("{'a': 0, 'c': 0}")));
        assertEquals(v("{'a': 1, 'b': 2}"), strict("object.filter", doc, v("['a', 'b', 'z']")));
        assertEquals("`object.filter` requires array/object/set argument", error("object.filter", doc, v("'a'")));
    }

    @Test
    void subset() {
        assertEquals(BoolValue.TRUE, strict("object.subset", v("{'a': {'b': 1, 'c': 2}}"), v("{'a': {'b': 1}}")));
        assertEquals(BoolValue.FALSE, strict("object.subset", v("{'a': {'b': 1}}"), v("{'a': {'b': 2}}")));
        assertEquals(BoolValue.TRUE, strict("object.subset", v("[1, 2, 3, 4]"), v("[2, 3]")));
        assertEquals(BoolValue.FALSE, strict("object.subset", v("[1, 2, 3, 4]"), v("[2, 4]")));
        assertEquals(BoolValue.TRUE, strict("object.subset", v("[1, 2, 3, 4]"), set("[4, 2]")));
        assertEquals(BoolValue.TRUE, strict("object.subset", set("[1, 2]"), set("[2]")));
        assertEquals(BoolValue.FALSE, strict("object.subset", v("1"), v("'1'")));
    }

    @Test
    void unionMergesDeeply() {
        assertEquals(v("{'a': {'b': 1, 'c': 3}, 'd': 4}"),
                strict("object.union", v("{'a': {'b': 1, 'c': 2}, 'd': [1]}"), v("{'a': {'c': 3}, 'd': 4}")));
        assertEquals(v("{'a': 2, 'b': 1}"), strict("object.union_n", v("[{'a': 1}, {'b': 1}, {'a': 2}]")));
        assertEquals(v("{}"), strict("object.union_n", v("[]")));
        assertEquals("item at index 1 is not an object", error("object.union_n", v("[{}, 1]")));
        assertNull(lax("object.union_n", v("[{}, 1]")));
    }

    @Test
    void jsonFilterKeepsThePaths() {
        Value doc = v("{'a': 5, 'b': {'c': {'d': 6}, 'd': 7}, 'c': 8}");
        assertEquals(v("{'a': 5, 'b': {'c': {'d': 6}}}"), strict("json.filter", doc, v("['a', 'b/c']")));
        assertEquals(v("{'b': {'d': 7}, 'c': 8}"), strict("json.filter", doc, SetValue.of(v("'c'"), v("['b', 'd']"))));
        assertEquals(v("{}"), strict("json.filter", doc, v("[]")));
        // Array indices are strings read as JSON; items come out in the order of the path keys.
        Value arrays = v("{'a': [[1, [7, 8, 9], 2], {'a': 1}]}");
        assertEquals(v("{'a': []}"), strict("json.filter", arrays, v("[['a', 1]]")));
        assertEquals(v("{'a': [[[8, 9], 2]]}"), strict("json.filter", arrays, v("['a/0/1/2', ['a', '0', '2'], 'a/0/1/1']")));
    }

    @Test
    void jsonFilterAddressesSetMembersByValue() {
        Value doc = ObjectValue.builder().put("a", SetValue.of(v("1"), v("2"), set("['x']"), set("[8, 9, 10]"))).build();
        assertEquals(ObjectValue.builder().put("a", set("[1]")).build(), strict("json.filter", doc, v("[['a', 1]]")));
        ArrayValue path = ArrayValue.of(v("'a'"), set("[8, 9, 10]"), v("9"));
        assertEquals(ObjectValue.builder().put("a", SetValue.of(set("[9]"))).build(),
                strict("json.filter", doc, ArrayValue.of(path)));
    }

    @Test
    void jsonFilterErrors() {
        assertEquals("`json.filter` requires set/array argument", error("json.filter", v("{}"), v("'a'")));
        assertEquals("`json.filter` requires path to be '/' separated string or array of path components.",
                error("json.filter", v("{}"), v("[1]")));
        assertEquals("`json.filter` expects object argument. Got `[]` instead", error("json.filter", v("[]"), v("[]")));
    }

    @Test
    void jsonRemoveDropsThePaths() {
        Value doc = v("{'a': {'b': 1, 'c': [1, 2, 3]}, 'd': 4}");
        assertEquals(v("{'a': {'c': [1, 2, 3]}}"), strict("json.remove", doc, v("['a/b', 'd']")));
        assertEquals(v("{'a': {'b': 1, 'c': [1, 3]}, 'd': 4}"), strict("json.remove", doc, v("[['a', 'c', '1']]")));
        assertEquals(doc, strict("json.remove", doc, v("[]")));
        // A path that runs into a scalar drops the scalar.
        assertEquals(v("{'a': {'b': 1, 'c': [1, 2, 3]}}"), strict("json.remove", doc, v("['d/e']")));
        assertEquals("`json.remove` requires set/array argument", error("json.remove", doc, v("{}")));
    }

    @Test
    void jsonPatchOperations() {
        assertEquals(v("{'a': {'foo': 42, 'bar': 2}}"), strict("json.patch", v("{'a': {'foo': 1}}"),
                v("[{'op': 'add', 'path': '/a/bar', 'value': 2}, {'op': 'replace', 'path': '/a/foo', 'value': 42}]")));
        assertEquals(v("[1, 'x', 2, 3, 4]"), strict("json.patch", v("[1, 2, 3]"),
                v("[{'op': 'add', 'path': '/1', 'value': 'x'}, {'op': 'add', 'path': '/-', 'value': 4}]")));
        assertEquals(v("{'a': {}, 'b': {'foo': 1}}"), strict("json.patch", v("{'a': {'foo': 1}, 'b': {}}"),
                v("[{'op': 'move', 'from': '/a/foo', 'path': '/b/foo'}]")));
        assertEquals(v("['a', 'c', 'd', 'b']"), strict("json.patch", v("['a', 'b', 'c', 'd']"),
                v("[{'op': 'move', 'from': '/1', 'path': '/3'}]")));
        assertEquals(v("{'a': [1], 'b': [1]}"), strict("json.patch", v("{'a': [1]}"),
                v("[{'op': 'copy', 'from': '/a', 'path': '/b'}, {'op': 'test', 'path': '/b/0', 'value': 1}]")));
        assertEquals(v("{'foo/bar': {'baz~': 1, 'baz~test': 2}}"), strict("json.patch", v("{'foo/bar': {'baz~': 1}}"),
                v("[{'op': 'add', 'path': '/foo~1bar/baz~0test', 'value': 2}]")));
        assertEquals(v("{'b': 2}"), strict("json.patch", v("{'a': 1}"),
                v("[{'op': 'remove', 'path': ''}, {'op': 'add', 'path': '', 'value': {'b': 2}}]")));
    }

    @Test
    void jsonPatchEditsSetsByMemberValue() {
        Value abc = set("['a', 'b', 'c']");
        assertEquals(set("['a', 'b', 'c', 'd']"), strict("json.patch", abc, v("[{'op': 'add', 'path': ['d'], 'value': 'd'}]")));
        assertEquals(set("['a', 'c']"), strict("json.patch", abc, v("[{'op': 'remove', 'path': ['b']}]")));
        assertNull(strict("json.patch", abc, v("[{'op': 'replace', 'path': ['a'], 'value': 'z'}]")));
        Value member = v("{'a': [1]}");
        Value copy = ObjectValue.builder().put("op", StringValue.of("copy"))
                .put("from", ArrayValue.of(member, v("'a'"), v("0")))
                .put("path", ArrayValue.of(member, v("'a'"), v("'-'"))).build();
        assertEquals(SetValue.of(v("{'a': [1, 1]}")), strict("json.patch", SetValue.of(member), ArrayValue.of(copy)));
    }

    @Test
    void jsonPatchThatDoesNotApplyIsUndefinedEvenWhenStrict() {
        assertNull(strict("json.patch", v("{'a': 1}"), v("[{'op': 'remove', 'path': ''}]")));
        assertNull(strict("json.patch", v("[1, 2]"), v("[{'op': 'remove', 'path': '/01'}]")));
        assertNull(strict("json.patch", v("[1, 2]"), v("[{'op': 'remove', 'path': '/-'}]")));
        assertNull(strict("json.patch", v("[1, 2]"), v("[{'op': 'remove', 'path': [-1]}]")));
        assertNull(strict("json.patch", v("[1, 2]"), v("[{'op': 'remove', 'path': [1.5]}]")));
        assertNull(strict("json.patch", v("{}"), v("[{'path': '/a', 'value': 1}]")));
        assertNull(strict("json.patch", v("{}"), v("[{'op': 'add', 'path': '/a'}]")));
        assertNull(strict("json.patch", v("{}"), v("[1]")));
        assertNull(strict("json.patch", v("{'a': {'b': 1}}"), v("[{'op': 'move', 'from': '/a', 'path': '/a/c'}]")));
        assertNull(strict("json.patch", v("{'a': 1}"), v("[{'op': 'test', 'path': '/a', 'value': 2}]")));
        assertNull(strict("json.patch", v("{'a': 1}"), v("[{'op': 'frobnicate', 'path': '/a'}]")));
        assertEquals("`json.patch` expects array argument. Got `{}` instead", error("json.patch", v("{}"), v("{}")));
    }
}
