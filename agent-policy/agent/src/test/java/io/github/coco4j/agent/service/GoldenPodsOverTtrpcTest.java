package io.github.coco4j.agent.service;

import io.github.coco4j.agent.testing.NoImages;
import static io.github.coco4j.testing.JsonAssertions.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.policy.gate.DecisionLogWriter;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.ttrpc.testing.KataTtrpc;
import io.github.coco4j.wire.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each recorded pod's requests, sent by containerd's own ttrpc client (the Kata shim's transport)
 * to an agent holding that pod's genpolicy policy: its decision log holds the recorded input of
 * each (in the current protocol's rendering), and it decides each as regorus did in the recording. The container runtime and the
 * guest are stand-ins (the pods' storages and network cannot exist here, and the host's network
 * must not change); the protocol, the gate and the policy are real.
 */
class GoldenPodsOverTtrpcTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Not a request the shim sends: the recordings' first line sets the policy's debug mode. */
    private static final String NOT_SENT = "AllowRequestsFailingPolicy";

    @TempDir
    Path dir;

    static List<String> directories() {
        return GoldenInputs.directories();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void theRecordedPodIsDecidedAsInTheRecording(String directory) throws Exception {
        Path golden = TestData.path("rego/kata-golden/" + directory);
        List<GoldenInputs.Request> requests = GoldenInputs.requests(directory);
        JsonNode outputs = JSON.readTree(golden.resolve("outputs.json").toFile());
        Path decisionLog = dir.resolve("decisions.jsonl");
        List<Boolean> recorded = new ArrayList<>();
        StringBuilder replay = new StringBuilder();
        for (int i = 0; i < requests.size(); i++) {
            if (!requests.get(i).name().equals(NOT_SENT)) {
                recorded.add(outputs.get(i).asBoolean());
                replay.append(JSON.writeValueAsString(JSON.createObjectNode().put("kind", requests.get(i).name())
                        .set("request", asSent(requests.get(i))))).append('\n');
            }
        }
        Path lines = Files.writeString(dir.resolve("replay.jsonl"), replay);

        List<Boolean> decided;
        try (DecisionLogWriter log = new DecisionLogWriter(decisionLog);
             Listener agent = AgentServer.serve("unix://" + dir.resolve("agent.sock"),
                     PolicyGate.load("policy.rego", Files.readString(golden.resolve("policy.rego")), false, log),
                     new RecordingBackend(), new RecordingGuest(), NoImages.in(dir))) {
            // The pods' long polls (WaitProcess, GetOOMEvent) would wait for ever on stand-ins: a
            // call that reaches the backend and times out was allowed all the same.
            KataTtrpc.Result result = KataTtrpc.build(protoDir())
                    .replay(agent.endpoint().toString(), lines, "--discard-unknown", "--timeout", "2s");
            assertEquals(0, result.exitCode(), result.toString());
            decided = decisions(result.stdout());
        }
        List<JsonNode> logged = logged(Files.readAllLines(decisionLog));
        List<GoldenInputs.Request> sent = requests.stream().filter(r -> !r.name().equals(NOT_SENT)).toList();
        assertEquals(sent.size(), logged.size(), "one decision log line per request");
        PolicyGate reference = PolicyGate.load("policy.rego", Files.readString(golden.resolve("policy.rego")), false, null);
        for (int i = 0; i < sent.size(); i++) {
            GoldenInputs.Request request = sent.get(i);
            JsonNode current = GoldenInputs.inCurrentProtocol(request.name(), request.input().deepCopy(), logged.get(i));
            assertSameJson(current, logged.get(i));
            assertEquals(expected(reference, request, current, recorded.get(i)), decided.get(i), request.toString());
        }
    }

    /**
     * What regorus decided in the recording; where the current protocol renders the request with
     * fields the recording's agent did not have ({@code Storage.shared}, which these genpolicy
     * policies predate and refuse), what the policy decides on the current rendering.
     */
    private static boolean expected(PolicyGate reference, GoldenInputs.Request request, JsonNode current, boolean recorded) {
        if (current.equals(request.input())) {
            return recorded;
        }
        return reference.decide(request.name(), Json.toValue(current)).allowed();
    }

    /** The decision log's requests, without the policy's start-up check the gate logs first. */
    private static List<JsonNode> logged(List<String> lines) throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            if (!entry.get("kind").asText().equals(NOT_SENT)) {
                requests.add(entry.get("request"));
            }
        }
        return requests;
    }

    /** A request is denied when the agent answers with Kata's denial; any other answer got past the policy. */
    private static List<Boolean> decisions(String replayOutput) throws Exception {
        List<Boolean> decisions = new ArrayList<>();
        for (String line : replayOutput.lines().toList()) {
            JsonNode result = JSON.readTree(line);
            decisions.add(!(result.path("code").asText().equals("PermissionDenied")
                    && result.path("message").asText().startsWith(result.path("kind").asText() + " is blocked by policy")));
        }
        return decisions;
    }

    /**
     * The request as today's shim sends it: the recordings come from an older protocol (for
     * example {@code pciPath} for {@code devicePath}, CopyFile's {@code symlink_src}).
     */
    private static JsonNode asSent(GoldenInputs.Request request) {
        return GoldenInputs.inCurrentProtocol(request.name(), request.input().deepCopy(), JSON.createObjectNode());
    }

    static Path protoDir() {
        return Path.of(System.getProperty("coco4j.root"), "proto/protocols/src/main/proto");
    }
}
