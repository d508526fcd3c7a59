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
    private static final String POLICY = """
            package agent_policy

            default ExecProcessRequest := false
            ExecProcessRequest if input.process.Args == ["true"]
            """;
    private static final String ALLOWED = "{\"kind\":\"ExecProcessRequest\",\"request\":{\"process\":{\"Args\":[\"true\"]}}}";
    private static final String DENIED = "{\"kind\":\"ExecProcessRequest\",\"request\":{\"process\":{\"Args\":[\"ls\"]}}}";
    private static final String EXPLAINED = """
            data.agent_policy.ExecProcessRequest = false
              %s:4:23: ExecProcessRequest if input.process.Args == ["true"]
            """;

    private static String explain(Path dir, String... args) throws Exception {
        Path policy = dir.resolve("policy.rego");
        Files.writeString(policy, POLICY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 3];
        all[0] = "explain";
        all[1] = "--policy";
        all[2] = policy.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int status = AgentPolicyCli.execute(out, err, all);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineOfTheDecisionLogIsExplainedWithItsKind(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Files.writeString(log, ALLOWED + "\n" + DENIED + "\n");
        assertEquals(EXPLAINED.formatted(dir.resolve("policy.rego")),
                explain(dir, "--decision-log", log.toString(), "--line", "2"));
    }

    @Test
    void aDecisionLogLineGivenAsTheRequestBringsItsKind(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("request.json");
        Files.writeString(request, DENIED);
        assertEquals(EXPLAINED.formatted(dir.resolve("policy.rego")), explain(dir, "--request", request.toString()));
    }

    @Test
    void aLineTheLogDoesNotHaveIsAnError(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Files.writeString(log, ALLOWED + "\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentPolicyCli.execute(new ByteArrayOutputStream(), err, "explain", "--policy", log.toString(),
                "--decision-log", log.toString(), "--line", "3");
        assertTrue(status != 0 && err.toString(StandardCharsets.UTF_8).contains(":3: the log has fewer lines"),
                err.toString(StandardCharsets.UTF_8));
    }

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
