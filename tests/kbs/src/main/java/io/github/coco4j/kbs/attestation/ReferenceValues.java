package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reference values in the RVPS's JSON forms: the LocalJson store (an array of
 * {@code {"name", "expiration", "value"}}, {@code value} a list) or the sample provenance
 * ({@code {"<name>": [values]}}). Expired values are left out, as the RVPS leaves them out.
 */
public final class ReferenceValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final Map<String, List<String>> values;

    private ReferenceValues(Map<String, List<String>> values) {
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
        Map<String, List<String>> values = new HashMap<>();
        if (root != null && root.isArray()) {
            for (JsonNode entry : root) {
                String name = text(entry, "name", file);
                if (!expired(entry.get("expiration"), now, file, name)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).addAll(strings(entry.get("value"), file, name));
                }
            }
        } else if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                values.put(entry.getKey(), strings(entry.getValue(), file, entry.getKey()));
            }
        } else {
            throw new IOException(file + ": reference values must be a JSON array or object");
        }
        return new ReferenceValues(Map.copyOf(values));
    }

    /** The accepted values for {@code name}, or empty when there is no (unexpired) reference for it. */
    public Optional<List<String>> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Whether {@code actualHex} is among the hex values of {@code name} (case-insensitive). */
    public boolean containsHex(String name, String actualHex) {
        return get(name).map(list -> list.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                .equals(actualHex.toLowerCase(Locale.ROOT)))).orElse(false);
    }

    private static String text(JsonNode entry, String field, Path file) throws IOException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(file + ": every reference value needs a string '" + field + "'");
        }
        return value.asText();
    }

    private static boolean expired(JsonNode expiration, Instant now, Path file, String name) throws IOException {
        if (expiration == null) {
            return false;
        }
        try {
            return LocalDateTime.parse(expiration.asText(), EXPIRATION).toInstant(ZoneOffset.UTC).isBefore(now);
        } catch (DateTimeParseException e) {
            throw new IOException(file + ": reference value '" + name + "' has expiration '" + expiration.asText()
                    + "', expected YYYY-MM-DDTHH:MM:SSZ");
        }
    }

    private static List<String> strings(JsonNode value, Path file, String name) throws IOException {
        if (value == null || !value.isArray()) {
            throw new IOException(file + ": reference value '" + name + "' must list its values in an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IOException(file + ": reference value '" + name + "' lists a non-string value");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }
}
