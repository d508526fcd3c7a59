package io.github.coco4j.policy.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real genpolicy policies with the requests a pod sent: every request's raw result and print
 * lines equal the reference engine's, evaluated in order on one engine.
 */
class KataGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyDirectoryMatchesTheReferenceResultsAndPrints() {
        return GoldenInputs.directories().stream().map(dir -> DynamicTest.dynamicTest(dir, () -> check(dir)));
    }

    private static void check(String dir) throws IOException {
        Path base = TestData.path("rego/kata-golden/" + dir);
        JsonNode outputs = JSON.readTree(base.resolve("outputs.json").toFile());
        JsonNode prints = JSON.readTree(base.resolve("prints.json").toFile());
        Engine engine = new Engine()
                .addPolicy("tests/kata/data/" + dir + "/policy.rego", Files.readString(base.resolve("policy.rego")), false);
        List<GoldenInputs.Request> requests = GoldenInputs.requests(dir);
        assertEquals(outputs.size(), requests.size(), "requests and outputs");
        for (int i = 0; i < requests.size(); i++) {
            GoldenInputs.Request request = requests.get(i);
            engine.setInput(Json.toValue(request.input()));
            Value result = engine.evalRule("data.agent_policy." + request.name());
            JsonNode got = result == null ? null : Json.toJson(result);
            JsonNode want = outputs.get(i).isNull() ? null : outputs.get(i);
            assertEquals(want, got, request + " result");
            List<String> wantPrints = new ArrayList<>();
            prints.get(i).forEach(p -> wantPrints.add(p.asText()));
            assertEquals(wantPrints, engine.takePrints(), request + " prints");
        }
    }
}
