package io.github.coco4j.rego.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** base64, base64url, hex, JSON, YAML and URL query encodings. */
final class EncodingBuiltins implements BuiltinFamily {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Override
    public void register(Builtins t) {
        t.add("base64.encode", 1, (c, a) -> StringValue.of(Base64.getEncoder().encodeToString(bytes("base64.encode", a[0]))));
        t.add("base64.decode", 1, (c, a) -> text(base64(Args.string("base64.decode", a[0]), false, "decode failed")));
        t.add("base64.is_valid", 1, (c, a) -> {
            try {
                base64(Args.string("base64.is_valid", a[0]), false, "");
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        t.add("base64url.encode", 1, (c, a) -> StringValue.of(Base64.getUrlEncoder().encodeToString(bytes("base64url.encode", a[0]))));
        t.add("base64url.encode_no_pad", 1, (c, a) -> StringValue.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes("base64url.encode_no_pad", a[0]))));
        t.add("base64url.decode", 1, (c, a) -> text(base64(Args.string("base64url.decode", a[0]), true, "not a valid url")));
        t.add("hex.encode", 1, (c, a) -> StringValue.of(HexFormat.of().formatHex(bytes("hex.encode", a[0]))));
        t.add("hex.decode", 1, (c, a) -> {
            try {
                return text(HexFormat.of().parseHex(Args.string("hex.decode", a[0]).toLowerCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BuiltinException("decode failure");
            }
        });
        t.add("json.marshal", 1, (c, a) -> StringValue.of(a[0].toString()));
        t.add("json.marshal_with_options", 2, EncodingBuiltins::marshalWithOptions);
        t.add("json.unmarshal", 1, (c, a) -> parse(JSON, Args.string("json.unmarshal", a[0]), "could not deserialize json."));
        t.add("json.is_valid", 1, (c, a) -> valid(JSON, a[0]));
        t.add("yaml.marshal", 1, (c, a) -> {
            try {
                return StringValue.of(YAML.writeValueAsString(Json.toJson(a[0])));
            } catch (IOException e) {
                throw new BuiltinException("could not serialize to yaml: " + e.getMessage());
            }
        });
        t.add("yaml.unmarshal", 1, (c, a) -> parse(YAML, Args.string("yaml.unmarshal", a[0]), "could not deserialize yaml."));
        t.add("yaml.is_valid", 1, (c, a) -> valid(YAML, a[0]));
        t.add("urlquery.encode", 1, (c, a) -> StringValue.of(encode(Args.string("urlquery.encode", a[0]))));
        t.add("urlquery.decode", 1, (c, a) -> StringValue.of(URLDecoder.decode(Args.string("urlquery.decode", a[0]), StandardCharsets.UTF_8)));
        t.add("urlquery.encode_object", 1, EncodingBuiltins::encodeObject);
        t.add("urlquery.decode_object", 1, EncodingBuiltins::decodeObject);
    }

    private static byte[] bytes(String fn, Value v) {
        return Args.string(fn, v).getBytes(StandardCharsets.UTF_8);
    }

    /** Decoded bytes as text; invalid UTF-8 becomes U+FFFD, as a lossy decoder does. */
    private static Value text(byte[] bytes) {
        return StringValue.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Strict decoding: padding required (optional for URL-safe input) and canonical trailing bits. */
    private static byte[] base64(String encoded, boolean urlSafe, String failure) {
        try {
            String padded = encoded;
            if (urlSafe && encoded.length() % 4 != 0 && !encoded.contains("=")) {
                padded = encoded + "=".repeat(4 - encoded.length() % 4);
            }
            if (padded.length() % 4 != 0) {
                throw new IllegalArgumentException("length");
            }
            byte[] decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(padded);
            String canonical = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(decoded);
            if (!canonical.equals(padded)) {
                throw new IllegalArgumentException("trailing bits");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new BuiltinException(failure);
        }
    }

    private static Value parse(ObjectMapper mapper, String text, String failure) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new BuiltinException(failure);
            }
            return Json.toValue(node);
        } catch (IOException e) {
            throw new BuiltinException(failure);
        }
    }

    private static Value valid(ObjectMapper mapper, Value v) {
        if (!(v instanceof StringValue s)) {
            return BoolValue.FALSE;
        }
        try {
            JsonNode node = mapper.readTree(s.value());
            return BoolValue.of(node != null && !node.isMissingNode());
        } catch (IOException e) {
            return BoolValue.FALSE;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Value encodeObject(BuiltinContext c, Value[] a) {
        ObjectValue object = Args.object("urlquery.encode_object", a[0]);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < object.size(); i++) {
            String key = Args.string("urlquery.encode_object", object.keyAt(i));
            Value v = object.valueAt(i);
            List<String> values = v instanceof StringValue s ? List.of(s.value()) : Args.strings("urlquery.encode_object", v);
            for (String value : values) {
                pairs.add(encode(key) + "=" + encode(value));
            }
        }
        return StringValue.of(String.join("&", pairs));
    }

    private static Value decodeObject(BuiltinContext c, Value[] a) {
        String query = Args.string("urlquery.decode_object", a[0]);
        TreeMap<Value, List<Value>> entries = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            entries.computeIfAbsent(StringValue.of(key), k -> new ArrayList<>()).add(StringValue.of(value));
        }
        ObjectValue.Builder out = ObjectValue.builder();
        entries.forEach((k, v) -> out.put(k, ArrayValue.of(v)));
        return out.build();
    }

    /** Options pretty (default true when any is given), indent (default a tab) and prefix. */
    private static Value marshalWithOptions(BuiltinContext c, Value[] a) {
        ObjectValue options = Args.object("json.marshal_with_options", a[1]);
        boolean pretty = true;
        String indent = "\t";
        String prefix = "";
        for (int i = 0; i < options.size(); i++) {
            String key = options.keyAt(i) instanceof StringValue s ? s.value() : "";
            Value v = options.valueAt(i);
            if (key.equals("pretty") && v instanceof BoolValue b) {
                pretty = b.value();
            } else if (key.equals("indent") && v instanceof StringValue s) {
                indent = s.value();
            } else if (key.equals("prefix") && v instanceof StringValue s) {
                prefix = s.value();
            } else if (key.equals("pretty")) {
                throw new BuiltinException("marshaling option `pretty` must be true or false");
            } else {
                throw new BuiltinException("marshaling option must be one of `indent`, `prefix` or `pretty`");
            }
        }
        if (!pretty || options.isEmpty()) {
            return StringValue.of(a[0].toString());
        }
        StringBuilder out = new StringBuilder();
        pretty(a[0], 0, indent, prefix, out);
        return StringValue.of(prefix + out);
    }

    private static void pretty(Value v, int level, String indent, String prefix, StringBuilder out) {
        List<Value> items = v instanceof ArrayValue arr ? arr.asList() : v instanceof SetValue s ? s.asList() : null;
        if (items != null && !items.isEmpty()) {
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append('\n').append(prefix).append(indent.repeat(level + 1));
                pretty(items.get(i), level + 1, indent, prefix, out);
            }
            out.append('\n').append(prefix).append(indent.repeat(level)).append(']');
        } else if (v instanceof ObjectValue o && !o.isEmpty()) {
            out.append('{');
            for (int i = 0; i < o.size(); i++) {
                out.append(i == 0 ? "" : ",").append('\n').append(prefix).append(indent.repeat(level + 1));
                ValueWriter.quote(o.keyAt(i) instanceof StringValue s ? s.value() : o.keyAt(i).toString(), out);
                out.append(": ");
                pretty(o.valueAt(i), level + 1, indent, prefix, out);
            }
            out.append('\n').append(prefix).append(indent.repeat(level)).append('}');
        } else {
            out.append(v);
        }
    }
}
