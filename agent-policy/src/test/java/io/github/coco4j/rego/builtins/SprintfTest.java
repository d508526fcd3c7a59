package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SprintfTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"id=c1 n=3\"|sprintf(\"id=%s n=%d\", [\"c1\", 3])",
        "\"[1, \\\"a\\\"] {\\\"k\\\": true}\"|sprintf(\"%v %v\", [[1, \"a\"], {\"k\": true}])",
        "\"ff FF 0O17 101\"|sprintf(\"%x %X %o %b\", [255, 255, 15, 5])",
        "\"0042:   42\"|sprintf(\"%04d:%5d\", [42, 42])",
        "\"3.14\"|sprintf(\"%.2f\", [3.14159])",
        "\"100%\"|sprintf(\"%d%%\", [100])",
        "\"-7\"|sprintf(\"%d\", [-7])",
    })
    void formatsLikeGo(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void verbAndArgumentMismatchesAreErrors() {
        assertError("no argument specified for format verb 1", "sprintf(\"%s %s\", [\"a\"])");
        assertError("extra arguments (2) specified for 1 format verbs.", "sprintf(\"%s\", [\"a\", \"b\"])");
        assertError("number specified for format verb d.", "sprintf(\"%d\", [1.5])");
    }
}
