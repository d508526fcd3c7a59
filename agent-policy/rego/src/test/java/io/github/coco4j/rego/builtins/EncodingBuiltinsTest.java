package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.set;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {
    @Test
    void base64RoundTrips() {
        assertEquals(s("aGk/"), strict("base64.encode", s("hi?")));
        assertEquals(s("hi?"), strict("base64.decode", s("aGk/")));
        assertEquals(s("é"), strict("base64.decode", s("w6k=")));
        // Padded blocks may follow one another.
        assertEquals(s("HiHi"), strict("base64.decode", s("SGk=SGk=")));
        assertEquals(s("\uFFFD"), strict("base64.decode", s("/w==")));
    }

    @Test
    void base64DecodingIsStrictAndReportsWhere() {
        assertFails("decode failed\nCaused by\ninvalid length at 4", "base64.decode", s("devpts"));
        assertFails("decode failed\nCaused by\nnon-zero trailing bits at 2", "base64.decode", s("aGl="));
        assertFails("decode failed\nCaused by\ninvalid symbol at 1", "base64.decode", s("a=bc"));
        assertFails("decode failed\nCaused by\ninvalid padding length at 1", "base64.decode", s("a==="));
        assertFails("decode failed\nCaused by\ninvalid symbol at 2", "base64.decode", s("aG-/"));
        assertEquals(v("true"), strict("base64.is_valid", s("aGk/")));
        assertEquals(v("true"), strict("base64.is_valid", s("")));
        assertEquals(v("false"), strict("base64.is_valid", s("devpts")));
        assertEquals(v("false"), strict("base64.is_valid", s("aGk")));
        assertFails("`base64.is_valid` expects string argument. Got `1` instead", "base64.is_valid", v("1"));
    }

    @Test
    void base64urlDecodesWithOrWithoutPadding() {
        assertEquals(s("aGk_"), strict("base64url.encode", s("hi?")));
        assertEquals(s("aGk="), strict("base64url.encode", s("hi")));
        assertEquals(s("aGk"), strict("base64url.encode_no_pad", s("hi")));
        assertEquals(s("hi"), strict("base64url.decode", s("aGk")));
        assertEquals(s("hi"), strict("base64url.decode", s("aGk=")));
        assertEquals(s("hi?"), strict("base64url.decode", s("aGk_")));
        assertFails("not a valid url", "base64url.decode", s("aGk/"));
        assertFails("not a valid url", "base64url.decode", s("a"));
    }

    @Test
    void hexAcceptsBothCases() {
        assertEquals(s("6869c3a9"), strict("hex.encode", s("hié")));
        assertEquals(s("hi"), strict("hex.decode", s("6869")));
        assertEquals(s("\uFFFD"), strict("hex.decode", s("FF")));
        assertFails("decode failure\nCaused by\ninvalid length at 2", "hex.decode", s("686"));
        assertFails("decode failure\nCaused by\ninvalid symbol at 1", "hex.decode", s("6z"));
    }

    @Test
    void jsonMarshalWritesAsSerdeJson() {
        assertEquals(s("{\"a\":[1,\"x\"],\"b\":[1,2]}"), strict("json.marshal", ObjectValue.builder()
                .put("a", v("[1, 'x']")).put("b", set("[2, 1]")).build()));
        assertEquals(s("{\"1\":true,\"[1,\\\"a\\\"]\":null}"), strict("json.marshal", ObjectValue.builder()
                .put(v("1"), v("true")).put(v("[1, 'a']"), v("null")).build()));
        assertEquals(s("[0.5,1e-7,1.8446744073709552e19,18446744073709551615,1e21,100,-0.0]"), strict("json.marshal",
                ArrayValue.of(NumberValue.ofFloat(0.5), NumberValue.ofFloat(1e-7), v("18446744073709551616"),
                        v("18446744073709551615"), NumberValue.ofFloat(1e21), NumberValue.ofFloat(100), NumberValue.ofFloat(-0.0))));
        assertEquals(s("\"tab\\there\""), strict("json.marshal", s("tab\there")));
    }

    @Test
    void marshalWithOptionsReindentsThePrettyForm() {
        assertEquals(s("{\n\t\"a\": [\n\t\t1\n\t]\n}"), strict("json.marshal_with_options", v("{'a': [1]}"), v("{'pretty': true}")));
        assertEquals(s(">{\n>  \"a\": {}\n>}"), strict("json.marshal_with_options", v("{'a': {}}"), v("{'indent': '  ', 'prefix': '>'}")));
        assertEquals(s("{\"a\":1}"), strict("json.marshal_with_options", v("{'a': 1}"), v("{'pretty': false, 'indent': ' '}")));
        assertEquals(s("{\"a\":1}"), strict("json.marshal_with_options", v("{'a': 1}"), v("{}")));
        assertFails("marshaling option `pretty` must be true or false", "json.marshal_with_options", v("1"), v("{'pretty': 1}"));
        assertFails("marshaling option `pretty` must be string", "json.marshal_with_options", v("1"), v("{'indent': 1}"));
        assertFails("marshaling option must be one of `indent`, `prefix` or `pretty`", "json.marshal_with_options", v("1"), v("{'x': 1}"));
    }

    @Test
    void jsonUnmarshalAcceptsWhatSerdeJsonAccepts() {
        assertEquals(v("{'a': [1, 2]}"), strict("json.unmarshal", s("{\"a\": [1, 2]} ")));
        assertEquals(v("'x'"), strict("json.unmarshal", s("\"x\"")));
        assertTrue(((NumberValue) strict("json.unmarshal", s("18446744073709551616"))).isFloat());
        assertEquals(v("18446744073709551615"), strict("json.unmarshal", s("18446744073709551615")));
        assertFails("could not deserialize json.", "json.unmarshal", s("{"));
        assertFails("could not deserialize json.", "json.unmarshal", s("{} {}"));
        assertFails("could not deserialize json.", "json.unmarshal", s(""));
        assertEquals(v("false"), strict("json.is_valid", s("\"\\ud800\"")));
        assertEquals(v("false"), strict("json.is_valid", s("1e400")));
        assertEquals(v("true"), strict("json.is_valid", s("[".repeat(127) + "]".repeat(127))));
        assertEquals(v("false"), strict("json.is_valid", s("[".repeat(128) + "]".repeat(128))));
        // Not a string: not valid JSON text, as in OPA (rather than regorus' argument error).
        assertEquals(v("false"), strict("json.is_valid", v("1")));
    }

    @Test
    void yaml() {
        assertEquals(v("{'a': 1, 'b': ['x', true]}"), strict("yaml.unmarshal", s("a: 1\nb:\n- x\n- true\n")));
        assertEquals(v("null"), strict("yaml.unmarshal", s("")));
        assertFails("could not deserialize yaml.", "yaml.unmarshal", s("a: [1"));
        assertEquals(v("false"), strict("yaml.is_valid", s("a: 1\n---\nb: 2\n")));
        assertEquals(v("true"), strict("yaml.is_valid", s("a: 1")));
        assertEquals(v("{'a': [1, 'x']}"), strict("yaml.unmarshal", strict("yaml.marshal", v("{'a': [1, 'x']}"))));
    }

    @Test
    void urlQueries() {
        assertEquals(s("a%3Db+c*%7E"), strict("urlquery.encode", s("a=b c*~")));
        assertEquals(s("a=1&a=2&b=x+y"), strict("urlquery.encode_object", v("{'b': 'x y', 'a': ['1', '2']}")));
        assertEquals(s("a=1"), strict("urlquery.encode_object", ObjectValue.builder().put("a", set("['1']")).build()));
        assertFails("`urlquery.encode_object` expects array/set of strings.", "urlquery.encode_object", v("{'a': 1}"));
        assertEquals(v("{'a': ['1', '2'], 'b': [''], 'c d': ['%zz']}"),
                strict("urlquery.decode_object", s("a=1&&a=2&b&c+d=%zz#a=3")));
        // The pairs run together, as the reference engine prints them.
        assertEquals(s("a=b cdé"), strict("urlquery.decode", s("a=b+c&d=&%C3%A9")));
    }

    @Test
    void stringsAreRequired() {
        for (String fn : new String[] {"base64.encode", "base64url.encode", "hex.encode", "urlquery.encode", "yaml.unmarshal"}) {
            assertFails("`" + fn + "` expects string argument. Got `null` instead", fn, v("null"));
        }
        assertEquals(s(""), strict("base64.encode", StringValue.EMPTY));
    }
}
