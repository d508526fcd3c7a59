package io.github.coco4j.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    private static final String PREFIX = "[\"ep\":\"CreateContainerRequest\",";

    @Test
    void aChangedEnvironmentVariableIsExplainedAsTheEnvRuleThatFailed(@TempDir Path dir) throws Exception {
        Path golden = TestData.path("rego/kata-golden/pod-exec");
        String line = Files.readAllLines(golden.resolve("inputs.txt")).stream()
                .filter(l -> l.startsWith(PREFIX)).findFirst().orElseThrow().strip();
        String body = line.substring(PREFIX.length(), line.lastIndexOf(']'));
        ObjectNode request = (ObjectNode) new ObjectMapper().readTree(body);
        ArrayNode env = (ArrayNode) request.path("OCI").path("Process").path("Env");
        env.set(env.size() - 1, "INJECTED=evil");
        Path file = dir.resolve("request.json");
        Files.writeString(file, request.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AgentPolicyCli.execute(out, new ByteArrayOutputStream(), "explain", "--v0",
                "--policy", golden.resolve("policy.rego").toString(), "--request", file.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.startsWith("data.agent_policy.CreateContainerRequest = false"), text);
        assertTrue(text.contains("allow_env(p_process, i_process, s_name)") && text.contains("INJECTED=evil"), text);
    }
}
