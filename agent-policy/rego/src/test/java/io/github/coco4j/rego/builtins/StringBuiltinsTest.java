package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.coco4j.rego.value.NumberValue;
import org.junit.jupiter.api.Test;

class StringBuiltinsTest {
    private static final String GRIN = "\uD83D\uDE00";

    @Test
    void concatJoinsArraysAndSetsInOrder() {
        assertEquals(s("a,b"), strict("concat", s(","), v("['a', 'b']")));
        assertEquals(s("a-b"), strict("concat", s("-"), set("['b', 'a']")));
        assertEquals(s(""), strict("concat", s("-"), v("[]")));
        assertFails("`concat` expects string argument. Got `1` instead", "concat", v("1"), v("['a']"));
        assertFails("`concat` expects string collection. Element 1 is not a string.", "concat", s(","), v("['a', 2]"));
        assertFails("`concat` expects array/set of strings.", "concat", s(","), s("ab"));
    }

    @Test
    void substringPredicates() {
        assertEquals(v("true"), strict("contains", s("kata"), s("at")));
        assertEquals(v("true"), strict("contains", s("kata"), s("")));
        assertEquals(v("true"), strict("startswith", s("/run/kata"), s("/run")));
        assertEquals(v("false"), strict("endswith", s("/run/kata"), s("/run")));
        assertFails("`startswith` expects string argument. Got `null` instead", "startswith", s("a"), v("null"));
    }

    @Test
    void caseMappingIsUnicodeAware() {
        assertEquals(s("ÄB"), strict("upper", s("äb")));
        assertEquals(s("STRASSE"), strict("upper", s("straße")));
        // The Turkish dotless i stays out of it: the mapping does not depend on the default locale.
        assertEquals(s("title"), strict("lower", s("TITLE")));
        assertFails("`upper` expects string argument. Got `[]` instead", "upper", v("[]"));
    }

    @Test
    void replaceWithEmptyOldInsertsAroundEveryCodePoint() {
        assertEquals(s("x-y-z"), strict("replace", s("x.y.z"), s("."), s("-")));
        assertEquals(s("|a|" + GRIN + "|"), strict("replace", s("a" + GRIN), s(""), s("|")));
    }

    @Test
    void splitFollowsGo() {
        assertEquals(v("['a', '', 'b']"), strict("split", s("a//b"), s("/")));
        assertEquals(v("['']"), strict("split", s(""), s("/")));
        assertEquals(v("['h', 'é', '" + GRIN + "']"), strict("split", s("hé" + GRIN), s("")));
        assertEquals(v("[]"), strict("split", s(""), s("")));
        // The reference engine names `replace` in split's argument errors.
        assertFails("`replace` expects string argument. Got `1` instead", "split", v("1"), s(","));
    }

    @Test
    void positionsCountCodePoints() {
        assertEquals(v("2"), strict("indexof", s("héllo"), s("l")));
        assertEquals(v("1"), strict("indexof", s(GRIN + "ab" + GRIN), s("a")));
        assertEquals(v("0"), strict("indexof", s(GRIN + "ab" + GRIN), s(GRIN)));
        assertEquals(v("-1"), strict("indexof", s("abc"), s("z")));
        assertEquals(v("0"), strict("indexof", s("abc"), s("")));
        assertEquals(v("-1"), strict("indexof", s(""), s("")));
        assertEquals(v("[0, 3]"), strict("indexof_n", s(GRIN + "ab" + GRIN), s(GRIN)));
        assertEquals(v("[0, 1]"), strict("indexof_n", s("aaa"), s("aa")));
        assertEquals(v("[]"), strict("indexof_n", s(""), s("")));
    }

    @Test
    void substringTakesCodePoints() {
        assertEquals(s("éll"), strict("substring", s("héllo"), v("1"), v("3")));
        assertEquals(s("llo"), strict("substring", s("héllo"), v("2"), v("-1")));
        assertEquals(s(GRIN + "b"), strict("substring", s("a" + GRIN + "bc"), v("1"), v("2")));
        assertEquals(s(""), strict("substring", s("abc"), v("5"), v("1")));
        // An integral float length beyond 2^53 is still a length.
        assertEquals(s("bc"), strict("substring", s("abc"), v("1"), NumberValue.ofFloat(1e17)));
        // A fractional offset or length gives an empty string rather than an error.
        assertEquals(s(""), strict("substring", s("abc"), v("0.5"), v("1")));
        assertEquals(s(""), strict("substring", s("abc"), v("0"), v("1.5")));
    }

    @Test
    void negativeSubstringOffsetFailsOnlyWhenStrict() {
        assertEquals("negative offset", error("substring", s("abc"), v("-1"), v("1")));
        assertNull(lax("substring", s("abc"), v("-1"), v("1")));
    }

    @Test
    void formatIntFloorsTheMagnitude() {
        assertEquals(s("1010"), strict("format_int", v("10.7"), v("2")));
        assertEquals(s("-12"), strict("format_int", v("-10.9"), v("8")));
        assertEquals(s("-ff"), strict("format_int", v("-255.9"), v("16")));
        assertEquals(s("-0"), strict("format_int", v("-0.5"), v("10")));
        assertEquals(s("18446744073709551616"), strict("format_int", v("18446744073709551616"), v("10")));
        assertEquals(s("a"), strict("format_int", v("10"), v("16.0")));
        assertFails("`format_int` expects numeric argument. Got `\"10\"` instead", "format_int", s("10"), v("2"));
    }

    @Test
    void formatIntWithAnotherBaseFailsOnlyWhenStrict() {
        assertEquals("`format_int` expects base to be one of 2, 8, 10, 16", error("format_int", v("5"), v("3")));
        assertNull(lax("format_int", v("5"), v("3")));
        assertNull(lax("format_int", v("5"), v("2.5")));
    }

    @Test
    void trimmingByCutsetPrefixSuffixAndSpace() {
        assertEquals(s("b"), strict("trim", s("xyxbyx"), s("xy")));
        assertEquals(s("byx"), strict("trim_left", s("xyxbyx"), s("xy")));
        assertEquals(s("xyxb"), strict("trim_right", s("xyxbyx"), s("xy")));
        assertEquals(s("a"), strict("trim", s(GRIN + "a" + GRIN), s(GRIN)));
        assertEquals(s("b.txt"), strict("trim_prefix", s("a/b.txt"), s("a/")));
        assertEquals(s("a/b.txt"), strict("trim_prefix", s("a/b.txt"), s("b")));
        assertEquals(s("a/b"), strict("trim_suffix", s("a/b.txt"), s(".txt")));
        assertEquals(s("x"), strict("trim_space", s(" \t\n\u00a0\u3000x\u2029 ")));
        // U+001F is whitespace to Java but not to Unicode.
        assertEquals(s("\u001fx"), strict("trim_space", s("\u001fx ")));
        assertFails("`trim` expects string argument. Got `1` instead", "trim", s("a"), v("1"));
    }

    @Test
    void reverseKeepsSurrogatePairs() {
        assertEquals(s("c" + GRIN + "a"), strict("strings.reverse", s("a" + GRIN + "c")));
        assertFails("`reverse` expects string argument. Got `1` instead", "strings.reverse", v("1"));
    }

    @Test
    void countIncludesOverlappingOccurrences() {
        assertEquals(v("2"), strict("strings.count", s("aXbXc"), s("X")));
        assertEquals(v("2"), strict("strings.count", s("aaa"), s("aa")));
        assertEquals(v("0"), strict("strings.count", s("abc"), s("d")));
        assertEquals(v("4"), strict("strings.count", s("ab" + GRIN), s("")));
    }

    @Test
    void replaceNAppliesPatternsInKeyOrder() {
        assertEquals(s("1-2"), strict("strings.replace_n", v("{'a': '1', 'b': '2'}"), s("a-b")));
        // "a" becomes "b" first, then every "b" becomes "c".
        assertEquals(s("cc"), strict("strings.replace_n", v("{'a': 'b', 'b': 'c'}"), s("ab")));
        // The reference engine names `trim` in these errors.
        assertFails("`trim` expects string keys and values in pattern object.",
                "strings.replace_n", v("{'a': 1}"), s("a"));
        assertFails("`trim` expects object argument. Got `[]` instead", "strings.replace_n", v("[]"), s("a"));
    }

    @Test
    void anyPrefixAndSuffixMatchTakeStringsArraysAndSets() {
        assertEquals(v("true"), strict("strings.any_prefix_match", v("['/run/a', '/x']"), s("/run")));
        assertEquals(v("false"), strict("strings.any_prefix_match", s("/x"), set("['/run', '/y']")));
        assertEquals(v("true"), strict("strings.any_suffix_match", s("a.rs"), v("['.go', '.rs']")));
        assertEquals(v("false"), strict("strings.any_suffix_match", v("[]"), s("")));
        assertFails("`strings.any_prefix_match` expects string/array[string]/set[string] argument.",
                "strings.any_prefix_match", v("1"), s("a"));
        assertFails("`strings.any_suffix_match` expects string collection. Element 0 is not a string.",
                "strings.any_suffix_match", s("a"), v("[1]"));
    }
}
