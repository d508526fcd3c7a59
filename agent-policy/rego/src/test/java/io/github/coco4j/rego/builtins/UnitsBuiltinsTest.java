package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import org.junit.jupiter.api.Test;

class UnitsBuiltinsTest {
    private static Value parse(String text) {
        return strict("units.parse", StringValue.of(text));
    }

    private static Value bytes(String text) {
        return strict("units.parse_bytes", StringValue.of(text));
    }

    @Test
    void decimalSuffixesAreCaseSensitive() {
        assertEquals(v("1000"), parse("1k"));
        assertEquals(v("1000"), parse("1K"));
        assertEquals(v("1000000"), parse("1M"));
        assertEquals(v("0.001"), parse("1m"));
        assertEquals(v("1000000000000000000000000000000"), parse("1Q"));
        assertEquals(v("0.000001"), parse("1\u03bc"));
        assertEquals(v("10"), parse("1da"));
        assertEquals(v("1500000"), parse("1.5e3k"));
        assertEquals(v("500"), parse(".5k"));
        assertEquals(v("12"), parse("\"12\""));
        assertNull(parse("1mb"));
    }

    @Test
    void binarySuffixesIgnoreCase() {
        assertEquals(v("1024"), parse("1Ki"));
        assertEquals(v("1024"), parse("1kI"));
        assertEquals(v("1536"), parse("1.5Ki"));
        assertEquals(v("1208925819614629174706176"), parse("1Yi"));
    }

    @Test
    void parseErrors() {
        assertEquals("units.parse: spaces not allowed in resource strings", error("units.parse", StringValue.of("1 k")));
        assertEquals("units.parse: spaces not allowed in resource strings",
                error("units.parse", StringValue.of("1\u00a0k")));
        assertEquals("units.parse: no amount provided", error("units.parse", StringValue.of("abc")));
        assertEquals("units.parse: could not parse amount to a number", error("units.parse", StringValue.of("1.2.3k")));
        assertEquals("`units.parse` expects string argument. Got `[\"1\"]` instead", error("units.parse", v("['1']")));
    }

    @Test
    void bytesAreWholeAndMIsMega() {
        assertEquals(v("1048576"), bytes("1MiB"));
        assertEquals(v("1048576"), bytes("1mi"));
        assertEquals(v("1000000"), bytes("1m"));
        assertEquals(v("1000000"), bytes("1MB"));
        assertEquals(v("1000"), bytes("1kb"));
        assertEquals(v("12"), bytes("12"));
        assertEquals(v("2"), bytes("1.5"));
        assertEquals(v("1536"), bytes("1.5KiB"));
        assertEquals(v("1500"), bytes("1.5kB"));
        assertEquals(v("1180591620717411303424"), bytes("1ZiB"));
        assertNull(bytes("1b"));
        assertNull(bytes("1xb"));
    }

    @Test
    void unreadableByteCountsAreErrorsOnlyWhenStrict() {
        assertEquals("units.parse_bytes: could not parse byte amount to a number",
                error("units.parse_bytes", StringValue.of("x1.2.3")));
        assertEquals("units.parse_bytes: no byte amount provided", error("units.parse_bytes", StringValue.of("GB")));
        assertNull(lax("units.parse_bytes", StringValue.of("1.2.3")));
        assertNull(lax("units.parse_bytes", StringValue.of("GB")));
        assertEquals("units.parse_bytes: spaces not allowed in resource strings",
                error("units.parse_bytes", StringValue.of("1 KiB")));
    }
}
