package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import org.junit.jupiter.api.Test;

class SprintfTest {
    private static String sprintf(String format, Value... args) {
        return ((StringValue) strict("sprintf", s(format), ArrayValue.of(args))).value();
    }

    @Test
    void stringsAndValues() {
        assertEquals("id=c1 n=3", sprintf("id=%s n=%d", s("c1"), v("3")));
        assertEquals("[1, \"a\"] {\"k\": true} {1, 2} null", sprintf("%v %v %s %v", v("[1, 'a']"), v("{'k': true}"),
                BuiltinCalls.set("[2, 1]"), v("null")));
        assertEquals("x\"y [\"x\\\"y\"]", sprintf("%s %v", s("x\"y"), v("['x\\\"y']")));
        assertEquals("1.5 100%", sprintf("%v %d%%", v("1.5"), v("100")));
    }

    @Test
    void explicitArgumentIndexes() {
        assertEquals("b a b", sprintf("%[2]s %[1]s %s", s("a"), s("b")));
        assertEquals("a a", sprintf("%[1]v %[1]v", s("a")));
    }

    @Test
    void integerVerbs() {
        assertEquals("ff FF 0O17 0o17 101", sprintf("%x %X %o %O %b", v("255"), v("255"), v("15"), v("15"), v("5")));
        assertEquals("A" + "\uD83D\uDE00", sprintf("%c%c", v("65"), v("128512")));
        assertEquals("18446744073709551616", sprintf("%d", v("18446744073709551616")));
    }

    @Test
    void widthsPadDigitsAndPrecisionRoundsFloats() {
        assertEquals("0042:   42", sprintf("%04d:%5d", v("42"), v("42")));
        assertEquals("  0O7", sprintf("%5o", v("7")));
        assertEquals("3.14 2.50 3", sprintf("%.2f %.2f %.2f", v("3.14159"), v("2.5"), v("3")));
        assertEquals("0.13 -0.00", sprintf("%.2f %.2f", v("0.125"), v("-0.001")));
        assertEquals("  1.5", sprintf("%5f", v("1.5")));
        // Strings take no width.
        assertEquals("ab", sprintf("%5s", s("ab")));
    }

    @Test
    void exponentForms() {
        assertEquals("1.5e0 1.5E3 1e-7", sprintf("%e %E %e", v("1.5"), NumberValue.ofFloat(1500),
                v("0.0000001")));
        assertEquals("1.23e2 5e0", sprintf("%e %e", v("123"), v("5")));
        assertEquals("1.5e0 1e2 0", sprintf("%g %g %g", v("1.5"), v("100"), v("0")));
        assertEquals("1.5E0", sprintf("%G", v("1.5")));
    }

    @Test
    void negativeNumbersCarryTheReferenceEnginesExtraSign() {
        assertEquals("--7 --101 -0O-10 --ff -00-42", sprintf("%d %b %o %x %05d", v("-7"), v("-5"), v("-8"), v("-255"), v("-42")));
        assertEquals("-1.5e0 -1.5 --2.5e0", sprintf("%e %v %g", v("-1.5"), v("-1.5"), v("-2.5")));
    }

    @Test
    void verbsThatDoNotFitTheArgumentPrintNothing() {
        assertEquals("[]", sprintf("[%d]", s("x")));
        assertEquals("[]", sprintf("[%x%f]", v("true"), v("null")));
        // %+ swallows the character after it.
        assertEquals("a", sprintf("%+sa", s("x")));
    }

    @Test
    void verbAndArgumentMismatchesAreErrors() {
        assertFails("no argument specified for format verb 1", "sprintf", s("%s %s"), v("['a']"));
        assertFails("extra arguments (2) specified for 1 format verbs.", "sprintf", s("%s"), v("['a', 'b']"));
        assertFails("number specified for format verb d.", "sprintf", s("%d"), v("[1.5]"));
        assertFails("number specified for format verb q.", "sprintf", s("%q"), v("[1]"));
        assertFails("Go-syntax format verbs %#v. %q, %p and %T are not supported.", "sprintf", s("%T"), v("['a']"));
        assertFails("Go-syntax fields names format verm %#v is not supported.", "sprintf", s("%+v"), v("['a']"));
        assertFails("invalid value -1 for format verb c.", "sprintf", s("%c"), v("[-1]"));
        assertFails("missing format verb after `%` at end of format string", "sprintf", s("a%"), v("[]"));
        assertFails("missing format verb after `%width` at end of format string", "sprintf", s("%5"), v("[1]"));
        assertFails("cannot print large float using g format specified", "sprintf", s("%g"), v("[18446744073709551616]"));
        assertFails("`sprintf` expects array argument. Got `\"a\"` instead", "sprintf", s("%s"), s("a"));
    }
}
