package io.github.coco4j.kbs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON documents against the component schemas of an OpenAPI file: $ref, type, required,
 * properties, enum and oneOf, which is what the KBS protocol description uses.
 */
public final class OpenApiSchemas {
    private final JsonNode schemas;

    private OpenApiSchemas(JsonNode schemas) {
        this.schemas = schemas;
    }

    /**
     * @param missing schemas the file refers to without defining them; defining one the file
     *     defines is refused, so the file stays the authority
     */
    public static OpenApiSchemas load(Path openApiYaml, Map<String, String> missing) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root = yaml.readTree(openApiYaml.toFile());
        JsonNode schemas = root.at("/components/schemas");
        if (!schemas.isObject()) {
            throw new IOException(openApiYaml + ": no components/schemas");
        }
        ObjectNode all = ((ObjectNode) schemas).deepCopy();
        for (Map.Entry<String, String> extra : missing.entrySet()) {
            if (all.has(extra.getKey())) {
                throw new IllegalArgumentException(openApiYaml + " defines " + extra.getKey() + " itself");
            }
            all.set(extra.getKey(), yaml.readTree(extra.getValue()));
        }
        return new OpenApiSchemas(all);
    }

    /** The violations of schema {@code name} by {@code value}; empty when it conforms. */
    public List<String> violations(String name, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema(name), value, "$", problems);
        return problems;
    }

    private JsonNode schema(String name) {
        JsonNode schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(schema(ref.substring(ref.lastIndexOf('/') + 1)), value, at, problems);
            return;
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionProblems = new ArrayList<>();
                check(option, value, at, optionProblems);
                matches += optionProblems.isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                problems.add(at + ": matches " + matches + " of the oneOf alternatives, expected exactly one");
            }
        }
        String type = schema.has("type") ? schema.get("type").asText() : schema.has("properties") ? "object" : null;
        if (type != null && !hasType(value, type)) {
            problems.add(at + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(value.asText()) && value.isValueNode();
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": missing required member " + required.asText());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                if (value.has(property.getKey())) {
                    check(property.getValue(), value.get(property.getKey()), at + "." + property.getKey(), problems);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("schema type " + type + " is not supported");
        };
    }
}
