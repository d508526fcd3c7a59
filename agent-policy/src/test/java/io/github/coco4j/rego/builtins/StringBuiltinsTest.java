package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"a,b\"|concat(\",\", [\"a\", \"b\"])",
        "\"a-b\"|concat(\"-\", {\"b\", \"a\"})",
        "true|contains(\"kata\", \"at\")",
        "true|startswith(\"/run/kata\", \"/run\")",
        "false|endswith(\"/run/kata\", \"/run\")",
        "\"ÄB\"|upper(\"äb\")",
        "\"x-y-z\"|replace(\"x.y.z\", \".\", \"-\")",
        "[\"a\",\"\",\"b\"]|split(\"a//b\", \"/\")",
        "[\"h\",\"é\"]|split(\"hé\", \"\")",
        "2|indexof(\"héllo\", \"l\")",
        "-1|indexof(\"abc\", \"z\")",
        "[2,3]|indexof_n(\"héllo\", \"l\")",
        "\"éll\"|substring(\"héllo\", 1, 3)",
        "\"llo\"|substring(\"héllo\", 2, -1)",
        "\"-ff\"|format_int(-255.9, 16)",
        "\"101\"|format_int(5, 2)",
        "\"b\"|trim(\"xxbxx\", \"x\")",
        "\"bxx\"|trim_left(\"xxbxx\", \"x\")",
        "\"xxb\"|trim_right(\"xxbxx\", \"x\")",
        "\"b.txt\"|trim_prefix(\"a/b.txt\", \"a/\")",
        "\"a/b\"|trim_suffix(\"a/b.txt\", \".txt\")",
        "\"x\"|trim_space(\"  x \\n\")",
        "\"cba\"|strings.reverse(\"abc\")",
        "2|strings.count(\"aXbXc\", \"X\")",
        "\"1-2\"|strings.replace_n({\"a\": \"1\", \"b\": \"2\"}, \"a-b\")",
        "true|strings.any_prefix_match([\"/run/a\", \"/x\"], \"/run\")",
        "false|strings.any_suffix_match(\"a.txt\", [\".go\", \".rs\"])",
    })
    void computes(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void wrongArgumentsAreErrorsWhenStrictAndUndefinedOtherwise() {
        assertError("`concat` expects string argument. Got `1` instead", "concat(1, [\"a\"])");
        assertError("`concat` expects string collection. Element 1 is not a string.", "concat(\",\", [\"a\", 2])");
        assertError("`upper` expects string argument", "upper(null)");
        assertError("negative offset", "substring(\"abc\", -1, 1)");
        assertError("`format_int` expects base to be one of 2, 8, 10, 16", "format_int(5, 3)");
    }
}
