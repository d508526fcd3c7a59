package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RegexBuiltinsTest {
    @Test
    void matchSearchesAnywhereUnlessAnchored() {
        assertEquals(v("true"), strict("regex.match", s("^[a-z0-9]{4}$"), s("ab12")));
        assertEquals(v("false"), strict("regex.match", s("^[a-z0-9]{4}$"), s("ab123")));
        assertEquals(v("true"), strict("regex.match", s("b+"), s("abbbc")));
        assertEquals(v("true"), strict("regex.match", s("^sha256:[[:xdigit:]]{4}$"), s("sha256:00ff")));
    }

    @Test
    void perlClassesAreUnicodeAsInRust() {
        assertEquals(v("true"), strict("regex.match", s("^\\d+$"), s("12\u0663")));
        assertEquals(v("true"), strict("regex.match", s("^\\w+$"), s("héllo_1")));
        assertEquals(v("true"), strict("regex.match", s("^a\\sb$"), s("a\u00a0b")));
        assertEquals(v("false"), strict("regex.match", s("^\\S$"), s("\u3000")));
        assertEquals(v("true"), strict("regex.match", s("^[\\d.]+$"), s("1.\u0663")));
        assertEquals(v("true"), strict("regex.match", s("^[^\\d]$"), s("x")));
        assertEquals(v("false"), strict("regex.match", s("^\\D$"), s("\u0663")));
    }

    @Test
    void isValidNeverFails() {
        assertEquals(v("true"), strict("regex.is_valid", s("a(b)*[cd]")));
        assertEquals(v("true"), strict("regex.is_valid", s("(?P<name>x)(?<other>y)")));
        assertEquals(v("false"), strict("regex.is_valid", s("a(")));
        assertEquals(v("false"), strict("regex.is_valid", s("(a)\\1")));
        assertEquals(v("false"), strict("regex.is_valid", s("(?=a)")));
        assertEquals(v("false"), strict("regex.is_valid", v("1")));
    }

    @Test
    void splitKeepsEmptyPieces() {
        assertEquals(v("['a', 'b', 'c']"), strict("regex.split", s("[,;]"), s("a,b;c")));
        assertEquals(v("['', 'a', '']"), strict("regex.split", s(","), s(",a,")));
        assertEquals(v("['', 'r', 'u', 's', 't', '']"), strict("regex.split", s(""), s("rust")));
        // No empty match right after "aa": Go and Rust split "baac" by a* into three pieces.
        assertEquals(v("['', 'b', 'c', '']"), strict("regex.split", s("a*"), s("baac")));
    }

    @Test
    void findNTakesAtMostN() {
        assertEquals(v("['1', '22']"), strict("regex.find_n", s("[0-9]+"), s("a1b22c333"), v("2")));
        assertEquals(v("['1', '22', '333']"), strict("regex.find_n", s("[0-9]+"), s("a1b22c333"), v("-1")));
        assertEquals(v("[]"), strict("regex.find_n", s("[0-9]+"), s("a1b22c333"), v("0")));
        assertEquals(v("['', 'aa', '']"), strict("regex.find_n", s("a*"), s("baac"), v("-1")));
    }

    @Test
    void submatchesIncludeUnmatchedGroupsAsEmptyStrings() {
        assertEquals(v("[['k=v', 'k', 'v'], ['x=y', 'x', 'y']]"),
                strict("regex.find_all_string_submatch_n", s("(\\w)=(\\w)"), s("k=v x=y"), v("-1")));
        assertEquals(v("[['a', 'a', '']]"), strict("regex.find_all_string_submatch_n", s("(a)|(b)"), s("a"), v("1")));
    }

    @Test
    void replaceExpandsRustGroupReferences() {
        assertEquals(s("a-b-c"), strict("regex.replace", s("a.b.c"), s("[.]"), s("-")));
        assertEquals(s("v=k"), strict("regex.replace", s("k=v"), s("(\\w)=(\\w)"), s("$2=$1")));
        assertEquals(s("[v]"), strict("regex.replace", s("k=v"), s("(?P<key>\\w)=(?P<val>\\w)"), s("[${val}]")));
        // "$1x" names a group "1x", which does not exist; "$$" is a dollar sign.
        assertEquals(s(";$"), strict("regex.replace", s("k"), s("(k)"), s("$1x;$$")));
        assertEquals(s("$"), strict("regex.replace", s("k"), s("k"), s("$")));
        assertEquals(s("-b-"), strict("regex.replace", s("aba"), s("a*"), s("-")));
    }

    @Test
    void replaceWithAnInvalidPatternIsUndefinedEvenWhenStrict() {
        assertNull(strict("regex.replace", s("a"), s("("), s("b")));
    }

    @Test
    void templateMatchMatchesLiteralsAndPatternsInTurn() {
        assertEquals(v("true"), strict("regex.template_match", s("urn:foo:{.*}"), s("urn:foo:bar:baz"), s("{"), s("}")));
        assertEquals(v("true"), strict("regex.template_match", s("urn:<[a-z]+>:<[0-9]+>"), s("urn:ab:12"), s("<"), s(">")));
        assertEquals(v("false"), strict("regex.template_match", s("urn:<[a-z]+>:x"), s("urn:ab:y"), s("<"), s(">")));
        assertEquals(v("false"), strict("regex.template_match", s("urn:{[0-9]+}"), s("urn:ab"), s("{"), s("}")));
        assertNull(strict("regex.template_match", s("a}{b"), s("ab"), s("{"), s("}")));
        assertFails("invalid regex", "regex.template_match", s("a{(}"), s("a"), s("{"), s("}"));
    }

    @Test
    void argumentsAreCheckedBeforeThePattern() {
        assertFails("invalid regex", "regex.match", s("a("), s("a"));
        assertFails("`regex.match` expects string argument. Got `1` instead", "regex.match", s("a("), v("1"));
        assertFails("`regex.split` expects string argument. Got `null` instead", "regex.split", v("null"), s("a"));
        assertFails("`regex.find_n` expects numeric argument. Got `\"1\"` instead", "regex.find_n", s("a"), s("a"), s("1"));
        assertFails("invalid regex", "regex.find_n", s("("), s("a"), v("1.5"));
        assertFails("n must be an integer", "regex.find_n", s("a"), s("aaa"), v("1.5"));
    }

    @Test
    void globsMatchWhenSomeNonEmptyStringMatchesBoth() {
        assertEquals(v("true"), strict("regex.globs_match", s("a.a.[0-9]+z"), s(".b.b2359825792*594823z")));
        assertEquals(v("false"), strict("regex.globs_match", s("[a-z]+"), s("[0-9]*")));
        assertEquals(v("false"), strict("regex.globs_match", s("a*"), s("b*")), "only the empty string is common");
        assertEquals(v("true"), strict("regex.globs_match", s("a*b"), s("aaab+")));
        assertEquals(v("true"), strict("regex.globs_match", s("x.*y"), s(".*yx*y")), "a star skips a token that also matches");
        assertEquals(v("false"), strict("regex.globs_match", s("a\\.b"), s("axb")), "an escaped dot is a dot");
        assertEquals(v("true"), strict("regex.globs_match", s("[b-a]*c"), s("c")), "an empty range adds nothing");
        assertEquals(v("true"), strict("regex.globs_match", s("[\u0000-\uffff]+"), s("[x-z]")), "a range overlaps a range");
        assertEquals(v("false"), strict("regex.globs_match", s("[a-c]"), s("[d-f]")));
    }

    @Test
    void globsMatchReportsTheLibrarysSyntaxErrors() {
        assertFails("input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
                "regex.globs_match", s("pqrs]"), s("[a-b]+"));
        assertFails("input:a*+, pos:3, flag '+' must be preceded by a non-flag: the input provided is invalid",
                "regex.globs_match", s("a"), s("a*+"));
        assertFails("input:[a-, pos:3, range character '-' must be followed by a Unicode character: the input provided is invalid",
                "regex.globs_match", s("[a-"), s("a"));
        assertFails("input:[ab, pos:3, found [ without matching ]: the input provided is invalid",
                "regex.globs_match", s("[ab"), s("a"));
        assertFails("input:a\\, pos:1, input ends with a \\ (escape) character: the input provided is invalid",
                "regex.globs_match", s("a\\"), s("a"));
    }
}
