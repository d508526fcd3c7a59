package io.github.coco4j.policy.input;

import static io.github.coco4j.testing.JsonAssertions.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden request read into its protobuf message and rendered back must give the recorded
 * JSON. The recordings come from an agent of an earlier Kata protocol version; the differences
 * from the current protocol are listed in {@link GoldenInputs#inCurrentProtocol} one by one and
 * nothing else may differ.
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
        JsonNode expected = GoldenInputs.inCurrentProtocol(request.name(), request.input().deepCopy(), rendered);
        assertSameJson(expected, rendered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void readsNothingItCannotRenderAgain(GoldenInputs.Request request) throws Exception {
        Message message = PolicyInputParser.parse(request.input(), prototype(request.name()));
        assertEquals(message, PolicyInputParser.parse(PolicyInputRenderer.render(message), prototype(request.name())));
    }
}
