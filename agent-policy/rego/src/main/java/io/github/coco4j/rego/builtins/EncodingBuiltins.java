package io.github.coco4j.rego.builtins;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** base64, base64url, hex, JSON, YAML and URL query encodings. Decoded bytes become text with U+FFFD for invalid UTF-8. */
final class EncodingBuiltins implements BuiltinFamily {
    /**
     * YAML's parser and generator factory, made on first use (holder idiom): making it loads and
     * runs SnakeYAML, milliseconds of a fresh process's policy load, and few policies call the
     * YAML builtins.
     */
    private static final class Yaml {
        static final YAMLFactory FACTORY = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
    }

    /** serde_json refuses documents nested this deep. */
    private static final int JSON_DEPTH_LIMIT = 128;
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public void register(Builtins t) {
        t.add("base64.encode", 1, (c, a) -> StringValue.of(Base64.getEncoder().encodeToString(bytes("base64.encode", a[0]))));
        t.add("base64.decode", 1, (c, a) -> {
            try {
                return text(DataEncoding.base64(bytes("base64.decode", a[0]), false, true));
            } catch (DataEncoding.DecodeError e) {
                throw new BuiltinException("decode failed\nCaused by\n" + e.getMessage());
            }
        });
        t.add("base64.is_valid", 1, (c, a) -> {
            try {
                DataEncoding.base64(bytes("base64.is_valid", a[0]), false, true);
                return BoolValue.TRUE;
            } catch (DataEncoding.DecodeError e) {
                return BoolValue.FALSE;
            }
        });
        t.add("base64url.encode", 1, (c, a) -> StringValue.of(Base64.getUrlEncoder().encodeToString(bytes("base64url.encode", a[0]))));
        t.add("base64url.encode_no_pad", 1, (c, a) -> StringValue.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes("base64url.encode_no_pad", a[0]))));
        t.add("base64url.decode", 1, (c, a) -> text(base64url(bytes("base64url.decode", a[0]))));
        t.add("hex.encode", 1, (c, a) -> StringValue.of(HexFormat.of().formatHex(bytes("hex.encode", a[0]))));
        t.add("hex.decode", 1, (c, a) -> {
            try {
                return text(DataEncoding.hex(bytes("hex.decode", a[0])));
            } catch (DataEncoding.DecodeError e) {
                throw new BuiltinException("decode failure\nCaused by\n" + e.getMessage());
            }
        });
        t.add("json.marshal", 1, (c, a) -> StringValue.of(SerdeJson.compact(a[0])));
        t.add("json.marshal_with_options", 2, EncodingBuiltins::marshalWithOptions);
        t.add("json.unmarshal", 1, (c, a) -> {
            Value v = json(Args.string("json.unmarshal", a[0]));
            if (v == null) {
                throw new BuiltinException("could not deserialize json.");
            }
            return v;
        });
        // Anything but a string is not valid JSON text: false, not an error, as in OPA.
        t.add("json.is_valid", 1, (c, a) -> BoolValue.of(a[0] instanceof StringValue s && json(s.value()) != null));
        t.add("yaml.marshal", 1, (c, a) -> {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = Yaml.FACTORY.createGenerator(out)) {
                JsonTrees.write(Json.toJson(a[0]), generator);
            } catch (IOException e) {
                throw new BuiltinException("could not serialize to yaml: " + e.getMessage());
            }
            return StringValue.of(out.toString());
        });
        t.add("yaml.unmarshal", 1, (c, a) -> {
            Value v = yaml(Args.string("yaml.unmarshal", a[0]));
            if (v == null) {
                throw new BuiltinException("could not deserialize yaml.");
            }
            return v;
        });
        t.add("yaml.is_valid", 1, (c, a) -> BoolValue.of(a[0] instanceof StringValue s && yaml(s.value()) != null));
        t.add("urlquery.encode", 1, (c, a) -> StringValue.of(formEncode(Args.string("urlquery.encode", a[0]))));
        t.add("urlquery.decode", 1, EncodingBuiltins::queryDecode);
        t.add("urlquery.encode_object", 1, EncodingBuiltins::encodeObject);
        t.add("urlquery.decode_object", 1, EncodingBuiltins::decodeObject);
    }

    private static byte[] bytes(String fn, Value v) {
        return Args.string(fn, v).getBytes(StandardCharsets.UTF_8);
    }

    private static Value text(byte[] bytes) {
        return StringValue.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Padded first; when that fails, unpadded. */
    private static byte[] base64url(byte[] encoded) {
        try {
            return DataEncoding.base64(encoded, true, true);
        } catch (DataEncoding.DecodeError padded) {
            try {
                return DataEncoding.base64(encoded, true, false);
            } catch (DataEncoding.DecodeError unpadded) {
                throw new BuiltinException("not a valid url");
            }
        }
    }

    /** The value of a JSON document as serde_json reads it, or null when serde_json would refuse it. */
    private static Value json(String text) {
        try {
            JsonNode node = JsonTrees.read(text);
            return node.isMissingNode() ? null : convert(node, 1);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The value of a single YAML document (an empty one is null), or null when it is not valid. */
    private static Value yaml(String text) {
        try (JsonParser parser = Yaml.FACTORY.createParser(text)) {
            JsonNode node = JsonTrees.read(parser);
            return node.isMissingNode() ? NullValue.NULL : Json.toValue(node);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Integers beyond u64 and i64 become floats, as serde_json reads them without arbitrary
     * precision; infinite numbers, lone surrogates and deep nesting make the document invalid.
     */
    private static Value convert(JsonNode node, int depth) {
        if (node.isContainerNode() && depth >= JSON_DEPTH_LIMIT) {
            throw new IllegalArgumentException("recursion limit exceeded");
        }
        if (node.isArray()) {
            Value[] elements = new Value[node.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = convert(node.get(i), depth + 1);
            }
            return ArrayValue.wrap(elements);
        }
        if (node.isObject()) {
            TreeMap<Value, Value> entries = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(StringValue.of(wellFormed(e.getKey())), convert(e.getValue(), depth + 1));
            }
            return ObjectValue.of(entries);
        }
        if (node.isTextual()) {
            return StringValue.of(wellFormed(node.textValue()));
        }
        if (node.isIntegralNumber()) {
            BigInteger i = node.bigIntegerValue();
            return i.compareTo(I64_MIN) >= 0 && i.compareTo(U64_MAX) <= 0 ? NumberValue.of(i) : NumberValue.ofFloat(i.doubleValue());
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("number out of range");
        }
        return Json.toValue(node);
    }

    private static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lone surrogate");
            }
        }
        return s;
    }

    /** application/x-www-form-urlencoded: letters, digits and {@code *-._} stay, a space becomes '+'. */
    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The pairs of a query as a URL parser sees it after "https://host?": tabs and newlines
     * dropped, trailing spaces and controls trimmed, and a '#' starting the fragment.
     */
    private static List<String[]> queryPairs(String query) {
        String q = query.replaceAll("[\t\n\r]", "");
        int end = q.length();
        while (end > 0 && q.charAt(end - 1) <= ' ') {
            end--;
        }
        q = q.substring(0, end);
        int fragment = q.indexOf('#');
        if (fragment >= 0) {
            q = q.substring(0, fragment);
        }
        List<String[]> pairs = new ArrayList<>();
        for (String piece : q.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            pairs.add(new String[] {
                formDecode(eq < 0 ? piece : piece.substring(0, eq)),
                eq < 0 ? "" : formDecode(piece.substring(eq + 1)),
            });
        }
        return pairs;
    }

    /** '+' is a space; a '%' not followed by two hex digits stays as it is. */
    private static String formDecode(String s) {
        byte[] in = s.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Keys and values run together without separators, "k=v" or just "k" for an empty value, as the reference engine prints them. */
    private static Value queryDecode(BuiltinContext c, Value[] a) {
        StringBuilder out = new StringBuilder();
        for (String[] pair : queryPairs(Args.string("urlquery.decode", a[0]))) {
            out.append(pair[0]);
            if (!pair[1].isEmpty()) {
                out.append('=').append(pair[1]);
            }
        }
        return StringValue.of(out.toString());
    }

    private static Value encodeObject(BuiltinContext c, Value[] a) {
        String fn = "urlquery.encode_object";
        ObjectValue object = Args.object(fn, a[0]);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < object.size(); i++) {
            String key = Args.string(fn, object.keyAt(i));
            Value v = object.valueAt(i);
            for (String value : v instanceof StringValue s ? List.of(s.value()) : Args.strings(fn, v)) {
                pairs.add(formEncode(key) + "=" + formEncode(value));
            }
        }
        return StringValue.of(String.join("&", pairs));
    }

    private static Value decodeObject(BuiltinContext c, Value[] a) {
        TreeMap<Value, List<Value>> entries = new TreeMap<>();
        for (String[] pair : queryPairs(Args.string("urlquery.decode_object", a[0]))) {
            entries.computeIfAbsent(StringValue.of(pair[0]), k -> new ArrayList<>()).add(StringValue.of(pair[1]));
        }
        ObjectValue.Builder out = ObjectValue.builder();
        entries.forEach((k, v) -> out.put(k, ArrayValue.of(v)));
        return out.build();
    }

    /**
     * Options {@code pretty} (true unless set false), {@code indent} (a tab by default) and
     * {@code prefix}; no options at all, or pretty false, give compact text. The wrong type for
     * {@code indent} or {@code prefix} is reported as about {@code pretty}, as the reference engine does.
     */
    private static Value marshalWithOptions(BuiltinContext c, Value[] a) {
        ObjectValue options = Args.object("json.marshal_with_options", a[1]);
        boolean pretty = true;
        String indent = "\t";
        String prefix = "";
        for (int i = 0; i < options.size(); i++) {
            String key = options.keyAt(i) instanceof StringValue s ? s.value() : "";
            Value v = options.valueAt(i);
            switch (key) {
                case "pretty" -> {
                    if (!(v instanceof BoolValue b)) {
                        throw new BuiltinException("marshaling option `pretty` must be true or false");
                    }
                    pretty = b.value();
                }
                case "indent", "prefix" -> {
                    if (!(v instanceof StringValue s)) {
                        throw new BuiltinException("marshaling option `pretty` must be string");
                    }
                    if (key.equals("indent")) {
                        indent = s.value();
                    } else {
                        prefix = s.value();
                    }
                }
                default -> throw new BuiltinException("marshaling option must be one of `indent`, `prefix` or `pretty`");
            }
        }
        if (!pretty || options.isEmpty()) {
            return StringValue.of(SerdeJson.compact(a[0]));
        }
        List<String> lines = new ArrayList<>();
        for (String line : SerdeJson.pretty(a[0]).split("\n", -1)) {
            String content = line.stripLeading();
            lines.add(prefix + indent.repeat((line.length() - content.length()) / 2) + content);
        }
        return StringValue.of(String.join("\n", lines));
    }
}
