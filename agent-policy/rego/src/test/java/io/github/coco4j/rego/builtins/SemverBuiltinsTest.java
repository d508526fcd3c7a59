package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import org.junit.jupiter.api.Test;

class SemverBuiltinsTest {
    private static BoolValue valid(String text) {
        return (BoolValue) strict("semver.is_valid", StringValue.of(text));
    }

    private static NumberValue compare(String a, String b) {
        return (NumberValue) strict("semver.compare", StringValue.of(a), StringValue.of(b));
    }

    @Test
    void validity() {
        for (String ok : new String[] {"1.9.10", "0.0.0", "1.1.12-rc1+foo", "1.0.0-alpha.1", "1.0.0-0a.x-y",
            "1.0.0+001.build", "18446744073709551615.0.0"}) {
            assertEquals(BoolValue.TRUE, valid(ok), ok);
        }
        for (String bad : new String[] {"", "1.1", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0-a..b", "1.0.0+",
            " 1.0.0", "1.0.0 ", "1.0.0-a_b", "18446744073709551616.0.0"}) {
            assertEquals(BoolValue.FALSE, valid(bad), bad);
        }
    }

    @Test
    void nonStringsAreInvalidUnlessStrict() {
        assertEquals(BoolValue.FALSE, lax("semver.is_valid", v("1")));
        assertEquals("`semver.is_valid` expects string argument. Got `1` instead", error("semver.is_valid", v("1")));
    }

    @Test
    void precedence() {
        assertEquals(v("1"), compare("1.9.10", "1.8.15"));
        assertEquals(v("-1"), compare("1.8.15", "1.9.10"));
        assertEquals(v("0"), compare("1.0.0+a", "1.0.0+b"));
        String[] ordered = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"};
        for (int i = 0; i + 1 < ordered.length; i++) {
            assertEquals(v("-1"), compare(ordered[i], ordered[i + 1]), ordered[i]);
            assertEquals(v("1"), compare(ordered[i + 1], ordered[i]), ordered[i + 1]);
        }
        assertEquals(v("1"), compare("10.0.0", "9.99.99"));
    }

    @Test
    void compareErrors() {
        assertEquals("invalid semver", error("semver.compare", StringValue.of("1.0"), StringValue.of("1.0.0")));
        assertEquals("invalid semver", error("semver.compare", StringValue.of("1.0.0"), StringValue.of("x")));
        assertEquals("`semver.compare` expects string argument. Got `1` instead",
                error("semver.compare", v("1"), StringValue.of("")));
    }
}
