package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.Value;
import org.junit.jupiter.api.Test;

class GlobBuiltinsTest {
    private static Value match(String pattern, String delimiters, String text) {
        return strict("glob.match", s(pattern), v(delimiters), s(text));
    }

    @Test
    void defaultDelimiterIsTheDot() {
        assertEquals(v("true"), match("*.github.com", "[]", "api.github.com"));
        assertEquals(v("false"), match("*.github.com", "[]", "api.cdn.github.com"));
        assertEquals(v("true"), match("api.**.com", "[]", "api.cdn.github.com"));
        assertEquals(v("true"), match("api.**.com", "[]", "api.github.com"));
        assertEquals(v("true"), match("*:github:com", "[':']", "api:github:com"));
    }

    @Test
    void nullDelimitersMatchAcrossEverything() {
        assertEquals(v("true"), match("*hub.com", "null", "api.cdn.github.com"));
        assertEquals(v("true"), match("api://*/appId", "null", "api://foo.com/appId"));
        assertEquals(v("true"), match("/run/*", "null", "/run/a/b"));
        assertEquals(v("false"), match("/run/*", "['/']", "/run/a/b"));
        assertEquals(v("true"), match("/run/**", "['/']", "/run/a/b"));
        assertEquals(v("true"), match("/run/**/b", "['/']", "/run/b"));
    }

    @Test
    void classesAlternatesAndEscapes() {
        assertEquals(v("true"), match("?at", "[]", "cat"));
        assertEquals(v("false"), match("?at", "[]", "at"));
        assertEquals(v("true"), match("[abc]at", "[]", "bat"));
        assertEquals(v("false"), match("[!abc]at", "[]", "cat"));
        assertEquals(v("true"), match("[!a-c]at", "[]", "lat"));
        assertEquals(v("true"), match("[]-]", "[]", "-"));
        assertEquals(v("true"), match("{cat,bat,[fr]at}", "[]", "rat"));
        assertEquals(v("false"), match("{cat,bat,[fr]at}", "[]", "at"));
        assertEquals(v("true"), match("{a,{b,c}d}", "[]", "cd"));
        assertEquals(v("true"), match("a\\*", "[]", "a*"));
        assertEquals(v("false"), match("a\\*", "[]", "ab"));
        // Like the reference engine, '?' stands for one UTF-8 byte.
        assertEquals(v("false"), match("?", "[]", "é"));
        assertEquals(v("true"), match("??", "[]", "é"));
    }

    @Test
    void errors() {
        assertFails("invalid glob", "glob.match", s("[a"), v("[]"), s("a"));
        assertFails("invalid glob", "glob.match", s("a}"), v("[]"), s("a"));
        assertFails("invalid glob", "glob.match", s("{a"), v("[]"), s("a"));
        assertFails("invalid glob", "glob.match", s("[z-a]"), v("[]"), s("a"));
        assertFails("glob.match requires string array", "glob.match", s("a"), s("."), s("a"));
        assertFails("delimiters must be single character", "glob.match", s("a"), v("['ab']"), s("a"));
        assertFails("`glob.match` expects string argument. Got `1` instead", "glob.match", s("a"), v("[]"), v("1"));
        assertFails("string contains internal glob placeholder", "glob.match", s("a"), v("[]"), s("a\0"));
    }

    @Test
    void quoteMetaEscapesStarsOnly() {
        assertEquals(s("\\*.github.com?"), strict("glob.quote_meta", s("*.github.com?")));
        assertFails("invalid glob", "glob.quote_meta", s("[a"));
    }
}
