package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reference values in the RVPS's JSON forms: the LocalJson store, an array of
 * {@code {"name", "expiration", "value"}} ({@code value} any JSON, as today's RVPS keeps it) or of
 * the workshop-era {@code {"name", "expiration", "hash-value": [{"alg", "value"}]}} (read as the
 * list of its values, as that RVPS handed them to policies), or the sample provenance
 * {@code {"<name>": value}}. Names are kept as given. Expired values are left out, as the RVPS
 * leaves them out, with a warning naming them; entries of one name with list values add up.
 */
public final class ReferenceValues {
    private static final Logger LOG = Logger.getLogger(ReferenceValues.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final Map<String, JsonNode> values;

    private ReferenceValues(Map<String, JsonNode> values) {
        this.values = values;
    }

    public static ReferenceValues empty() {
        return new ReferenceValues(Map.of());
    }

    public static ReferenceValues load(Path file, Instant now) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not JSON: " + e.getMessage(), e);
        }
        return parse(root, file.toString(), now);
    }

    /** {@code source} names the document in errors and warnings. */
    public static ReferenceValues parse(JsonNode root, String source, Instant now) throws IOException {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (root != null && root.isArray()) {
            List<String> expired = new ArrayList<>();
            for (JsonNode entry : root) {
                String name = text(entry, "name", source);
                JsonNode expiration = entry.get("expiration");
                if (expired(expiration, now, source, name)) {
                    expired.add(name + " (" + expiration.asText() + ")");
                } else {
                    add(values, name, value(entry, source, name));
                }
            }
            if (!expired.isEmpty()) {
                LOG.warning(() -> source + ": expired reference values ignored: " + String.join(", ", expired));
            }
        } else if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                values.put(entry.getKey(), entry.getValue());
            }
        } else {
            throw new IOException(source + ": reference values must be a JSON array or object");
        }
        return new ReferenceValues(Map.copyOf(values));
    }

    /** The accepted values for {@code name} (its strings), or empty when there is no (unexpired) reference for it. */
    public Optional<List<String>> get(String name) {
        JsonNode value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> strings.add(item.asText()));
        } else {
            strings.add(value.asText());
        }
        return Optional.of(List.copyOf(strings));
    }

    /** Whether {@code actualHex} is among the hex values of {@code name} (case-insensitive). */
    public boolean containsHex(String name, String actualHex) {
        return get(name).map(list -> list.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                .equals(actualHex.toLowerCase(Locale.ROOT)))).orElse(false);
    }

    /** All values by name, as policies see them ({@code data.reference}, {@code query_reference_value}). */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        values.forEach((name, value) -> json.set(name, value.deepCopy()));
        return json;
    }

    private static void add(Map<String, JsonNode> values, String name, JsonNode value) {
        JsonNode previous = values.get(name);
        if (previous instanceof ArrayNode list && value.isArray()) {
            ArrayNode merged = list.deepCopy();
            merged.addAll((ArrayNode) value);
            values.put(name, merged);
        } else {
            values.put(name, value);
        }
    }

    private static JsonNode value(JsonNode entry, String source, String name) throws IOException {
        JsonNode value = entry.get("value");
        JsonNode hashValues = entry.get("hash-value");
        if ((value == null) == (hashValues == null)) {
            throw new IOException(source + ": reference value '" + name + "' needs exactly one of 'value' and "
                    + "'hash-value'");
        }
        if (value != null) {
            return value;
        }
        if (!hashValues.isArray()) {
            throw new IOException(source + ": reference value '" + name + "': 'hash-value' must be an array");
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (JsonNode pair : hashValues) {
            JsonNode hash = pair.get("value");
            if (hash == null || !hash.isTextual() || !pair.path("alg").isTextual()) {
                throw new IOException(source + ": reference value '" + name + "': every 'hash-value' entry needs "
                        + "the strings 'alg' and 'value'");
            }
            list.add(hash.asText());
        }
        return list;
    }

    private static String text(JsonNode entry, String field, String source) throws IOException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(source + ": every reference value needs a string '" + field + "'");
        }
        return value.asText();
    }

    private static boolean expired(JsonNode expiration, Instant now, String source, String name) throws IOException {
        if (expiration == null) {
            return false;
        }
        try {
            return LocalDateTime.parse(expiration.asText(), EXPIRATION).toInstant(ZoneOffset.UTC).isBefore(now);
        } catch (DateTimeParseException e) {
            throw new IOException(source + ": reference value '" + name + "' has expiration '" + expiration.asText()
                    + "', expected YYYY-MM-DDTHH:MM:SSZ");
        }
    }
}
