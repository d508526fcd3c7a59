package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.SetValue;
import org.junit.jupiter.api.Test;

class SetBuiltinsTest {
    @Test
    void unionOfSetsOfSets() {
        assertEquals(set("[1, 2, 3]"), strict("union", SetValue.of(set("[1, 2]"), set("[2, 3]"))));
        assertEquals(SetValue.EMPTY, strict("union", SetValue.EMPTY));
    }

    @Test
    void intersectionOfSetsOfSets() {
        assertEquals(set("[2]"), strict("intersection", SetValue.of(set("[1, 2]"), set("[2, 3]"), set("[2]"))));
        assertEquals(SetValue.EMPTY, strict("intersection", SetValue.of(set("[1]"), set("[2]"))));
        assertEquals(SetValue.EMPTY, strict("intersection", SetValue.EMPTY));
    }

    @Test
    void membersMustBeSets() {
        assertEquals("`union` expects set of sets. Got `[1,[2]]`", error("union", SetValue.of(v("1"), set("[2]"))));
        assertEquals("`intersection` expects set of sets. Got `[[1]]`", error("intersection", SetValue.of(v("[1]"))));
        assertEquals("`union` expects set argument. Got `[[1]]` instead", error("union", v("[[1]]")));
    }

    @Test
    void binaryForms() {
        assertEquals(set("[1, 2, 3]"), strict("__builtin_sets.union", set("[1, 2]"), set("[3]")));
        assertEquals(set("[2]"), strict("__builtin_sets.intersection", set("[1, 2]"), set("[2, 3]")));
        assertEquals("`__builtin_sets.union` expects set argument. Got `[3]` instead",
                error("__builtin_sets.union", set("[1]"), v("[3]")));
    }
}
