package io.github.coco4j.policy.input;

import static io.github.coco4j.testing.JsonAssertions.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden request read into its protobuf message and rendered back must give the recorded
 * JSON. The recordings come from an agent of an earlier Kata protocol version; the differences
 * from the current protocol are listed here one by one and nothing else may differ.
 */
class GoldenInputRoundTripTest {
    static Stream<GoldenInputs.Request> requests() {
        List<GoldenInputs.Request> all = GoldenInputs.all();
        assertTrue(all.size() > 50, "the golden directories hold requests");
        return all.stream().filter(r -> !r.name().equals("AllowRequestsFailingPolicy"));
    }

    static Message prototype(String requestName) throws ReflectiveOperationException {
        return (Message) Class.forName("io.github.coco4j.proto.kata." + requestName).getMethod("getDefaultInstance").invoke(null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void rendersBackTheRecordedInput(GoldenInputs.Request request) throws Exception {
        Message message = PolicyInputParser.parse(request.input(), prototype(request.name()));
        JsonNode rendered = PolicyInputRenderer.render(message);
        JsonNode expected = inCurrentProtocol(request.name(), request.input().deepCopy(), rendered);
        assertSameJson(expected, rendered);
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
    private static JsonNode inCurrentProtocol(String name, JsonNode input, JsonNode rendered) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void readsNothingItCannotRenderAgain(GoldenInputs.Request request) throws Exception {
        Message message = PolicyInputParser.parse(request.input(), prototype(request.name()));
        assertEquals(message, PolicyInputParser.parse(PolicyInputRenderer.render(message), prototype(request.name())));
    }
}
