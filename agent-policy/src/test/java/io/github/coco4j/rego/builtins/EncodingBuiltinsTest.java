package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCase.assertError;
import static io.github.coco4j.rego.builtins.BuiltinCase.assertValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingBuiltinsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"aGk/\"|base64.encode(\"hi?\")",
        "\"hi?\"|base64.decode(\"aGk/\")",
        "true|base64.is_valid(\"aGk/\")",
        "false|base64.is_valid(\"devpts\")",
        "false|base64.is_valid(\"aGl=\")",
        "\"aGk_\"|base64url.encode(\"hi?\")",
        "\"aGk\"|base64url.encode_no_pad(\"hi\")",
        "\"hi\"|base64url.decode(\"aGk\")",
        "\"6869\"|hex.encode(\"hi\")",
        "\"hi\"|hex.decode(\"6869\")",
        "\"{\\\"a\\\":[1,\\\"x\\\"]}\"|json.marshal({\"a\": [1, \"x\"]})",
        "{\"a\":[1,2]}|json.unmarshal(\"{\\\"a\\\": [1, 2]}\")",
        "false|json.is_valid(\"{\")",
        "{\"a\":1}|yaml.unmarshal(\"a: 1\")",
        "\"a=1&a=2&b=x+y\"|urlquery.encode_object({\"a\": [\"1\", \"2\"], \"b\": \"x y\"})",
        "{\"a\":[\"1\",\"2\"]}|urlquery.decode_object(\"a=1&a=2\")",
        "\"a%3Db\"|urlquery.encode(\"a=b\")",
        "\"{\\n\\t\\\"a\\\": 1\\n}\"|json.marshal_with_options({\"a\": 1}, {\"pretty\": true})",
    })
    void computes(String expected, String expression) {
        assertValue(expected, expression);
    }

    @Test
    void undecodableInputIsAnError() {
        assertError("decode failed", "base64.decode(\"devpts\")");
        assertError("could not deserialize json.", "json.unmarshal(\"{\")");
        assertError("decode failure", "hex.decode(\"zz\")");
    }
}
