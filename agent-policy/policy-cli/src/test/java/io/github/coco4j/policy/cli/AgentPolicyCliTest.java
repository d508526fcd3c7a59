package io.github.coco4j.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPolicyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentPolicyCli.execute(out, err, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theUsageListsEverySubcommandAndEachHasItsOwn() {
        Run help = run("--help");
        assertEquals(0, help.status(), help.err());
        for (String sub : List.of("eval", "replay", "bench", "check", "explain")) {
            assertTrue(help.out().lines().anyMatch(line -> line.startsWith("  " + sub + " ")), sub);
            Run own = run(sub, "--help");
            assertEquals(0, own.status(), sub);
            assertTrue(own.out().startsWith("Usage: agent-policy " + sub + " "), own.out());
        }
        assertTrue(run("check", "--policy", "p.rego", "exec", "--help").out().startsWith("Usage: agent-policy check exec "));
        assertEquals(new Run(2, "", "agent-policy: a subcommand is required (see 'agent-policy --help')\n"), run());
    }

    @Test
    void evalPrintsResultsOnStdoutAndPrintsOnStderr() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.rego"), """
                package agent_policy
                default allow := false
                allow if {
                    print("checking", input.cmd)
                    input.cmd in data.allowed
                }
                """);
        Path data = Files.writeString(dir.resolve("data.json"), "{\"allowed\":[\"ls\",\"id\"]}");
        Path input = Files.writeString(dir.resolve("input.json"), "{\"cmd\":\"id\"}");
        Run r = run("eval", "--policy", policy.toString(), "--data", data.toString(), "--input", input.toString(),
                "--query", "data.agent_policy.allow");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"result\":[{\"expressions\":[{\"value\":true}]}]}", r.out().strip());
        assertEquals(policy + ":4: checking id", r.err().strip());
    }

    @Test
    void evalReportsBindings() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.rego"), "package p\nxs := [1, 2]\n");
        Run r = run("eval", "--policy", policy.toString(), "--query", "x := data.p.xs[_]; x > 1");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"result\":[{\"expressions\":[{\"value\":true},{\"value\":true}],\"bindings\":{\"x\":2}}]}",
                r.out().strip());
    }

    @Test
    void aParseErrorIsOneLineWithItsPosition() throws IOException {
        Path policy = Files.writeString(dir.resolve("bad.rego"), "package p\nallow if {\n  x := \n}\n");
        Run r = run("eval", "--policy", policy.toString(), "--query", "data.p.allow");
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("agent-policy: " + policy + ":"), r.err());
        Run missing = run("eval", "--policy", dir.resolve("absent.rego").toString(), "--query", "data.p.allow");
        assertEquals(1, missing.status());
        assertEquals("agent-policy: " + dir.resolve("absent.rego") + ": no such file", missing.err().strip());
    }

    @Test
    void replayRawReproducesTheReferenceResultsAndPrints() throws IOException {
        String golden = "pod-exec";
        Path base = TestData.path("rego/kata-golden/" + golden);
        Path log = decisionLog(golden);
        String name = "tests/kata/data/" + golden + "/policy.rego";
        Run r = run("replay", "--policy", base.resolve("policy.rego").toString(), "--v0", "--name", name,
                "--raw", "--requests", log.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode outputs = JSON.readTree(base.resolve("outputs.json").toFile());
        JsonNode prints = JSON.readTree(base.resolve("prints.json").toFile());
        List<String> lines = r.out().lines().toList();
        assertEquals(outputs.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals(outputs.get(i), line.get("result"), "request " + i);
            assertEquals(prints.get(i), line.get("prints"), "prints of request " + i);
        }
    }

    @Test
    void replayWithoutRawDecidesAsTheAgentDoes() throws IOException {
        String golden = "pod-exec";
        Path base = TestData.path("rego/kata-golden/" + golden);
        Run r = run("replay", "--policy", base.resolve("policy.rego").toString(), "--v0",
                "--requests", decisionLog(golden).toString());
        assertEquals(0, r.status(), r.err());
        JsonNode outputs = JSON.readTree(base.resolve("outputs.json").toFile());
        List<String> lines = r.out().lines().toList();
        assertEquals(outputs.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals(outputs.get(i).asBoolean() ? "allow" : "deny", line.get("decision").asText(), lines.get(i));
            assertEquals(outputs.get(i).asBoolean(), line.get("message").asText().isEmpty(), lines.get(i));
        }
    }

    @Test
    void checkExecAllowsExactlyTheWorkshopCommand() throws Exception {
        String allowed = "curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1";
        Path file = Files.writeString(dir.resolve("policy.rego"), ExecAllowList.apply(Workshop.policy(), List.of(allowed)));
        Run ok = run(concat(List.of("check", "--policy", file.toString(), "exec", "--"), allowed.split(" ")));
        assertEquals(0, ok.status(), ok.err());
        assertEquals("allowed", ok.out().strip());
        Run ls = run("check", "--policy", file.toString(), "exec", "--", "ls");
        assertEquals(1, ls.status());
        assertTrue(ls.out().startsWith("denied: ExecProcessRequest is blocked by policy: "), ls.out());
        Run key2 = run(concat(List.of("check", "--policy", file.toString(), "exec", "--"),
                allowed.replace("key1", "key2").split(" ")));
        assertEquals(1, key2.status());
        assertTrue(key2.out().startsWith("denied: "), key2.out());
    }

    @Test
    void checkExecReadsThePolicyFromInitdataOrItsAnnotation() throws Exception {
        String toml = "version = \"0.1.0\"\nalgorithm = \"sha256\"\n[data]\n\"policy.rego\" = \'\'\'\n"
                + "package agent_policy\ndefault ExecProcessRequest := false\n"
                + "ExecProcessRequest if input.process.Args == [\"id\"]\n\'\'\'\n";
        Path file = Files.writeString(dir.resolve("initdata.toml"), toml);
        assertEquals(0, run("check", "--initdata", file.toString(), "exec", "--", "id").status());
        String annotation = Annotation.encode(toml.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("check", "--initdata", annotation, "exec", "--", "id").status());
        assertEquals(1, run("check", "--initdata", annotation, "exec", "--", "ls").status());
        Run broken = run("check", "--initdata", "not-an-annotation", "exec", "--", "id");
        assertEquals(1, broken.status());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    @Test
    void benchReportsEvaluationsMeanP99AndLoadTime() throws IOException {
        Path base = TestData.path("rego/kata-golden/web");
        Run r = run("bench", "--policy", base.resolve("policy.rego").toString(), "--v0",
                "--requests", decisionLog("web").toString(), "--iters", "2", "--warmup", "1");
        assertEquals(0, r.status(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(2L * GoldenInputs.requests("web").size(), summary.get("evals").asLong());
        assertTrue(summary.get("mean_ns_per_eval").asLong() > 0);
        assertTrue(summary.get("p99_ns").asLong() >= summary.get("mean_ns_per_eval").asLong() / 100);
        assertTrue(summary.get("load_ms").asDouble() > 0);
    }

    @Test
    void aMalformedDecisionLogLineIsNamed() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.rego"), "package agent_policy\n");
        Path log = Files.writeString(dir.resolve("log.jsonl"), "{\"kind\":\"ExecProcessRequest\",\"request\":{}}\n{\"kind\":1}\n");
        Run r = run("replay", "--policy", policy.toString(), "--raw", "--requests", log.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("log.jsonl:2"), r.err());
    }

    /** The golden directory's requests as a decision log. */
    private Path decisionLog(String golden) throws IOException {
        List<String> lines = new ArrayList<>();
        for (GoldenInputs.Request request : GoldenInputs.requests(golden)) {
            lines.add(JSON.writeValueAsString(JSON.createObjectNode().put("kind", request.name()).set("request", request.input())));
        }
        return Files.write(dir.resolve(golden + ".jsonl"), lines);
    }
}
