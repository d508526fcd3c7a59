package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Types, numbers, bits and to_number. */
class ScalarBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "true|is_null(null)",
        "false|is_string(1)",
        "true|is_set(set())",
        "\"object\"|type_name({})",
        "\"set\"|type_name({1})",
        "42|to_number(\"42\")",
        "1|to_number(\" 1\\n\")",
        "1.5|to_number(\"1.5\")",
        "18446744073709551616|to_number(\"18446744073709551616\")",
        "1|to_number(true)",
        "0|to_number(null)",
        "3|abs(-3)",
        "2|ceil(1.2)",
        "1|floor(1.8)",
        "-2|floor(-1.2)",
        "3|round(2.5)",
        "[1,2,3]|numbers.range(1, 3)",
        "[3,2,1]|numbers.range(3, 1)",
        "[0,5,10]|numbers.range_step(0, 10, 5)",
        "1|bits.and(5, 3)",
        "7|bits.or(5, 3)",
        "6|bits.xor(5, 3)",
        "-6|bits.negate(5)",
        "20|bits.lsh(5, 2)",
        "1|bits.rsh(5, 2)",
        "36893488147419103232|bits.lsh(1, 65)",
    })
    void computes(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void wrongArgumentsAreErrors() {
        assertError("could not parse string as number", "to_number(\"abc\")");
        // The reference engine reads the string as a JSON text: whitespace around the number is allowed, more is not.
        assertError("could not parse string as number", "to_number(\" 1 x\")");
        assertError("`to_number` expects bool/number/string/null argument.", "to_number([])");
        assertError("`abs` expects numeric argument", "abs(\"1\")");
        assertError("step must be a positive integer", "numbers.range_step(0, 10, 0)");
        assertError("eval_type_error: bits.and: operand 1 must be integer number", "bits.and(1.5, 1)");
        assertError("eval_type_error: bits.lsh: operand 2 must be an unsigned integer number", "bits.lsh(1, -1)");
    }
}
