package io.github.coco4j.initdata.authoring;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers a PCR value in a KBS reference-values document, in either form Trustee deployments
 * use: the RVPS store form {@code [{"name", "expiration", "value": [hex…]}]} or the older
 * {@code [{"name", "expiration", "hash-value": [{"alg": "sha256", "value": hex}]}]}. The value is
 * appended to every named entry (once), and an entry is created for a name that has none.
 */
public final class ReferenceValuesUpdate {
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private ReferenceValuesUpdate() {
    }

    private static final Pattern PCR_NAME = Pattern.compile("(?:tpm_)?pcr(\\d{2})");

    /** The two generations of RVPS entries, each with the PCR names its users give them. */
    public enum Form {
        /** The Trustee/initdata workshop's {@code {"name": "pcr08", …, "hash-value": [{"alg", "value"}]}}. */
        WORKSHOP("", "hash-value"),
        /** Today's Trustee: {@code {"name": "tpm_pcr08", …, "value": [HEX]}}. */
        TRUSTEE("tpm_", "value");

        private final String prefix;
        private final String field;

        Form(String prefix, String field) {
            this.prefix = prefix;
            this.field = field;
        }

        /** The name of PCR {@code index}'s reference value ({@code pcr04}, {@code tpm_pcr04}). */
        public String pcrName(int index) {
            return String.format("%spcr%02d", prefix, index);
        }
    }

    /**
     * The PCR values of a reference-values document (either form), by PCR index: every entry named
     * {@code pcrNN} or {@code tpm_pcrNN}, as an image build writes them. Other entries are left out.
     */
    public static Map<Integer, List<String>> pcrValues(String document) {
        Map<Integer, List<String>> values = new TreeMap<>();
        for (JsonNode entry : parse(document)) {
            Matcher name = PCR_NAME.matcher(entry.get("name").asText());
            if (!name.matches()) {
                continue;
            }
            List<String> hexes = values.computeIfAbsent(Integer.parseInt(name.group(1)), i -> new ArrayList<>());
            String field = entry.has("hash-value") ? "hash-value" : "value";
            for (JsonNode value : array((ObjectNode) entry, field, name.group())) {
                String hex = (value.isObject() ? value.path("value") : value).asText("");
                if (!hex.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException("reference value '" + name.group() + "': '" + hex
                            + "' is not a sha256 value (64 hex digits)");
                }
                hexes.add(hex.toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    /**
     * Returns {@code document} (a JSON array, or blank for a new one) with {@code hex} registered
     * under each of {@code names}; new entries expire twelve months after {@code now} and take
     * {@code form}, or when it is null the form the document already uses (today's when new).
     */
    public static String register(String document, String hex, List<String> names, ZonedDateTime now, Form form) {
        ArrayNode entries = parse(document);
        Form newEntries = form != null ? form : usesHashValueForm(entries) ? Form.WORKSHOP : Form.TRUSTEE;
        for (String name : names) {
            boolean found = false;
            for (JsonNode entry : entries) {
                if (name.equals(entry.path("name").asText(null))) {
                    append((ObjectNode) entry, hex, name);
                    found = true;
                }
            }
            if (!found) {
                ObjectNode entry = entries.addObject();
                entry.put("name", name);
                entry.put("expiration", EXPIRATION.format(now.withZoneSameInstant(ZoneOffset.UTC).plusMonths(12)));
                entry.putArray(newEntries.field);
                append(entry, hex, name);
            }
        }
        return print(entries);
    }

    private static ArrayNode parse(String document) {
        if (document.isBlank()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        JsonNode root;
        try {
            root = JsonTrees.read(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("reference values are not JSON: " + JsonTrees.reason(e), e);
        }
        if (!(root instanceof ArrayNode array)) {
            throw new IllegalArgumentException("reference values must be a JSON array of {\"name\", …} entries");
        }
        for (JsonNode entry : array) {
            if (!entry.isObject() || !entry.path("name").isTextual()) {
                throw new IllegalArgumentException("every reference value entry must be an object with a string \"name\"");
            }
        }
        return array;
    }

    private static boolean usesHashValueForm(ArrayNode entries) {
        for (JsonNode entry : entries) {
            if (entry.has("hash-value")) {
                return true;
            }
        }
        return false;
    }

    private static void append(ObjectNode entry, String hex, String name) {
        if (entry.has("hash-value")) {
            ArrayNode values = array(entry, "hash-value", name);
            for (JsonNode value : values) {
                if (hex.equalsIgnoreCase(value.path("value").asText())) {
                    return;
                }
            }
            values.addObject().put("alg", "sha256").put("value", hex);
        } else {
            ArrayNode values = entry.has("value") ? array(entry, "value", name) : entry.putArray("value");
            for (JsonNode value : values) {
                if (hex.equalsIgnoreCase(value.asText())) {
                    return;
                }
            }
            values.add(hex);
        }
    }

    private static ArrayNode array(ObjectNode entry, String field, String name) {
        if (!(entry.get(field) instanceof ArrayNode values)) {
            throw new IllegalArgumentException("reference value '" + name + "': \"" + field + "\" must be an array");
        }
        return values;
    }

    /** Pretty-printed the way jq prints, as users compare it with jq output. */
    private static String print(JsonNode node) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return JsonTrees.write(node, printer) + "\n";
    }
}
