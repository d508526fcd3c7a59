package io.github.coco4j.policy.input;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.rego.value.Json;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Any request the host can send: bytes parsed as one of AgentService's request messages (chosen
 * by the first byte), rendered as the policy's input and converted to a Rego value, as the gate
 * does before every decision. Bytes that are no such message never reach the renderer; anything
 * that parses must render.
 */
class PolicyInputFuzzTest {
    private static final List<MethodDescriptor<?, ?>> METHODS = AgentServiceGrpc.getServiceDescriptor().getMethods()
            .stream().<MethodDescriptor<?, ?>>map(m -> m).toList();

    @FuzzTest(maxDuration = "90s")
    void render(FuzzedDataProvider data) {
        MethodDescriptor<?, ?> method = data.pickValue(METHODS);
        Message request;
        try {
            request = (Message) method.parseRequest(new ByteArrayInputStream(data.consumeRemainingAsBytes()));
        } catch (RuntimeException notAMessage) {
            // Protobuf refuses it (grpc's StatusRuntimeException), or fails on it otherwise: its
            // stream decoder can throw ArrayIndexOutOfBoundsException on a malformed packed field.
            // Either way the request never reaches the policy: the ttrpc and gRPC servers answer
            // INTERNAL for any exception while decoding.
            return;
        }
        assertNotNull(Json.toValue(PolicyInputRenderer.render(request)));
    }
}
