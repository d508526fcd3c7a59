package io.github.coco4j.policy.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.testing.TestData;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The real policies under the agent's semantics: true allows, false denies, request after request. */
class GoldenDecisionsTest {
    @TestFactory
    Stream<DynamicTest> everyGoldenRequestIsDecidedAsItsResultSays() {
        return GoldenInputs.directories().stream().map(dir -> DynamicTest.dynamicTest(dir, () -> {
            String policy = Files.readString(TestData.path("rego/kata-golden/" + dir + "/policy.rego"));
            JsonNode outputs = TestData.json("rego/kata-golden/" + dir + "/outputs.json");
            PolicyGate gate = PolicyGate.load("policy.rego", policy, false, null);
            List<GoldenInputs.Request> requests = GoldenInputs.requests(dir);
            for (int i = 0; i < requests.size(); i++) {
                GoldenInputs.Request request = requests.get(i);
                Decision decision = gate.decide(request.name(), Json.toValue(request.input()));
                Decision.Outcome expected = outputs.get(i).asBoolean() ? Decision.Outcome.ALLOW : Decision.Outcome.DENY;
                assertEquals(expected, decision.outcome(), request + ": " + decision.message());
            }
        }));
    }
}
