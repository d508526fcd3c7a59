package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ConversionBuiltinsTest {
    @Test
    void scalarsConvert() {
        assertEquals(v("0"), strict("to_number", v("null")));
        assertEquals(v("1"), strict("to_number", v("true")));
        assertEquals(v("0"), strict("to_number", v("false")));
        assertEquals(v("-2.5"), strict("to_number", v("-2.5")));
    }

    @Test
    void stringsAreReadAsJsonNumbers() {
        assertEquals(v("12"), strict("to_number", StringValue.of("12")));
        assertEquals(v("-0.125"), strict("to_number", StringValue.of("-0.125")));
        assertEquals(v("100"), strict("to_number", StringValue.of("1e2")));
        assertEquals(v("7"), strict("to_number", StringValue.of(" 7\n")));
        assertEquals(v("1.5"), strict("to_number", StringValue.of("1.5")));
        // Every digit is kept, as for numbers read from JSON documents.
        assertEquals(v("123456789012345678901234567890"), strict("to_number", StringValue.of("123456789012345678901234567890")));
        NumberValue big = (NumberValue) strict("to_number", StringValue.of("1e400"));
        assertEquals(BigInteger.TEN.pow(400), big.toBigInteger());
    }

    @Test
    void otherStringsAndKindsAreErrors() {
        for (String text : new String[] {"", "abc", "+1", "01", "1.", ".5", "0x10", "1_000", "1e10001", "NaN"}) {
            assertEquals("could not parse string as number", error("to_number", StringValue.of(text)), text);
        }
        assertEquals("`to_number` expects bool/number/string/null argument.", error("to_number", v("[1]")));
    }
}
