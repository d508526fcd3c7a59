package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "true|regex.match(\"^[a-z0-9]{4}$\", \"ab12\")",
        "false|regex.match(\"^[a-z0-9]{4}$\", \"ab123\")",
        "true|regex.match(\"b+\", \"abbbc\")",
        "true|re_match(\"^a\", \"abc\")",
        "true|regex.is_valid(\"a(b)*[cd]\")",
        "false|regex.is_valid(\"a(\")",
        "false|regex.is_valid(\"(a)\\\\1\")",
        "[\"a\",\"b\",\"c\"]|regex.split(\"[,;]\", \"a,b;c\")",
        "[\"1\",\"22\"]|regex.find_n(\"[0-9]+\", \"a1b22c333\", 2)",
        "[[\"k=v\",\"k\",\"v\"],[\"x=y\",\"x\",\"y\"]]|regex.find_all_string_submatch_n(\"(\\\\w)=(\\\\w)\", \"k=v x=y\", -1)",
        "\"a-b-c\"|regex.replace(\"a.b.c\", \"[.]\", \"-\")",
        "true|regex.template_match(\"urn:foo:{.*}\", \"urn:foo:bar:baz\", \"{\", \"}\")",
    })
    void matchesWithRe2Semantics(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void anInvalidPatternIsAnError() {
        assertError("invalid regex", "regex.match(\"a(\", \"a\")");
        assertError("n must be an integer", "regex.find_n(\"a\", \"aaa\", 1.5)");
    }
}
