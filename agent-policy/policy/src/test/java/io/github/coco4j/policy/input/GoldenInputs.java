package io.github.coco4j.policy.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.Map;
import java.util.Iterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The requests of the kata-golden directories: {@code ["ep":"<Request>",{input}],} per line. */
public final class GoldenInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String directory, int line, String name, JsonNode input) {
        @Override
        public String toString() {
            return directory + ":" + line + " " + name;
        }
    }

    private GoldenInputs() {
    }

    public static List<String> directories() {
        try (Stream<Path> dirs = Files.list(TestData.path("rego/kata-golden"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Request> requests(String directory) {
        List<Request> requests = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(TestData.path("rego/kata-golden/" + directory + "/inputs.txt"));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.endsWith(",")) {
                    line = line.substring(0, line.length() - 1);
                }
                JsonNode pair = JSON.readTree(line.replaceFirst("\"ep\":", ""));
                requests.add(new Request(directory, i + 1, pair.get(0).asText(), pair.get(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    public static List<Request> all() {
        return directories().stream().flatMap(d -> requests(d).stream()).toList();
    }

    /**
     * Fields current Kata has and some recording agents did not; where a recording lacks one, the
     * rendering must hold the field's default value there.
     */
    private static final Set<String> ADDED_SINCE_RECORDING = Set.of(
            "stdin_port", "stdout_port", "stderr_port", // passfd I/O vsock ports on create and exec
            "flags", "mtu", // Route
            "shared"); // Storage

    /** The recorded input as the current protocol renders the same request. */
    public static JsonNode inCurrentProtocol(String name, JsonNode input, JsonNode rendered) {
        renameEverywhere(input, "pciPath", "devicePath");
        ObjectNode top = (ObjectNode) input;
        if (name.equals("CopyFileRequest")) {
            // Current Kata pre-processes CopyFile: file_type from the mode, symlink_target (or null).
            String source = top.remove("symlink_src").asText();
            top.put("file_type", CopyFileInput.fileType(top.get("file_mode").asInt()));
            if (source.isEmpty()) {
                top.putNull("symlink_target");
            } else {
                top.put("symlink_target", source);
            }
        }
        addMissingDefaults(input, rendered);
        return input;
    }

    private static void addMissingDefaults(JsonNode recorded, JsonNode rendered) {
        if (recorded instanceof ObjectNode object && rendered.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = rendered.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!object.has(field.getKey()) && ADDED_SINCE_RECORDING.contains(field.getKey()) && isDefault(field.getValue())) {
                    object.set(field.getKey(), field.getValue());
                } else if (object.has(field.getKey())) {
                    addMissingDefaults(object.get(field.getKey()), field.getValue());
                }
            }
        } else if (recorded.isArray() && rendered.isArray() && recorded.size() == rendered.size()) {
            for (int i = 0; i < recorded.size(); i++) {
                addMissingDefaults(recorded.get(i), rendered.get(i));
            }
        }
    }

    private static boolean isDefault(JsonNode value) {
        return value.isNull() || (value.isNumber() && value.asDouble() == 0) || (value.isBoolean() && !value.asBoolean())
                || (value.isTextual() && value.asText().isEmpty()) || (value.isContainerNode() && value.isEmpty());
    }

    private static void renameEverywhere(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            if (object.has(from)) {
                object.set(to, object.remove(from));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                renameEverywhere(it.next().getValue(), from, to);
            }
        } else if (node.isArray()) {
            node.forEach(child -> renameEverywhere(child, from, to));
        }
    }
}
