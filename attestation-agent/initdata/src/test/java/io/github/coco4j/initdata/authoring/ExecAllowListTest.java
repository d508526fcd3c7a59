package io.github.coco4j.initdata.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.initdata.Initdata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecAllowListTest {
    private static final List<String> COMMANDS = List.of(
            "curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1", "uname -r");

    static String workshopPolicy() throws Exception {
        byte[] toml = InitDataVectors.vector("workshop-initdata").get("toml").asText().getBytes(StandardCharsets.UTF_8);
        return Initdata.parse(toml).data().get("policy.rego");
    }

    private static long count(String text, String line) {
        return Arrays.stream(text.split("\n")).filter(l -> l.strip().equals(line)).count();
    }

    @Test
    void replacesTheWorkshopExecSectionAndKeepsEverythingElse() throws Exception {
        String policy = workshopPolicy();
        String result = ExecAllowList.apply(policy, COMMANDS);

        assertEquals(1, count(result, "default ExecProcessRequest := false"));
        assertEquals(1, count(result, "ExecProcessRequest if {"));
        assertTrue(result.contains("\t\"curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1\",\n\t\"uname -r\",\n]"));
        assertTrue(result.contains("input_command := concat(\" \", input.process.Args)"));
        assertFalse(result.contains("policy_data"), "the seed's allow-list object is replaced");
        assertFalse(result.contains("# Restrict exec\n"), "its comments go with it");

        String kept = policy.substring(0, policy.indexOf("# Restrict exec"));
        assertTrue(result.startsWith(kept), "everything before the exec section is kept byte for byte");
    }

    @Test
    void applyingTwiceGivesTheSecondListOnly() throws Exception {
        String once = ExecAllowList.apply(workshopPolicy(), COMMANDS);
        String twice = ExecAllowList.apply(once, List.of("ls"));
        assertEquals(1, count(twice, "default ExecProcessRequest := false"));
        assertFalse(twice.contains("uname -r"));
        assertTrue(twice.contains("\t\"ls\",\n"));
        assertEquals(ExecAllowList.apply(workshopPolicy(), List.of("ls")), twice);
    }

    @Test
    void keepsAPolicyDataObjectThatOtherRulesUse() {
        String policy = """
                package agent_policy

                import future.keywords.in
                import future.keywords.if

                default CreateContainerRequest := false
                CreateContainerRequest if {
                    some c in policy_data.containers
                    c.name == input.name
                }

                # exec rules as generated
                default ExecProcessRequest := false
                ExecProcessRequest if {
                    print("exec", input.process.Args)
                    input.process.Args[0] in policy_data.request_defaults.ExecProcessRequest.allowed_commands
                }
                else := true if { false }

                policy_data := {
                  "containers": [{"name": "x"}],
                  "request_defaults": {"ExecProcessRequest": {"allowed_commands": []}},
                }
                """;
        String result = ExecAllowList.apply(policy, List.of("id"));
        assertTrue(result.contains("policy_data := {"), "other rules still need policy_data");
        assertTrue(result.contains("CreateContainerRequest if {"));
        assertFalse(result.contains("print(\"exec\""), "the old exec rule and its else branch are gone");
        assertFalse(result.contains("else := true"));
        assertEquals(1, count(result, "default ExecProcessRequest := false"));
    }

    @Test
    void addsTheKeywordImportsARegoV0PolicyLacks() {
        String result = ExecAllowList.apply("package agent_policy\n\ndefault ExecProcessRequest := true\n", List.of("id"));
        assertTrue(result.startsWith("package agent_policy\nimport future.keywords.if\nimport future.keywords.in\n"), result);
        String v1 = ExecAllowList.apply("package agent_policy\nimport rego.v1\n", List.of("id"));
        assertFalse(v1.contains("future.keywords"));
    }

    @Test
    void quotesCommandsAsRegoStrings() {
        String result = ExecAllowList.apply("package p\n", List.of("sh -c \"echo \\\\ hi\""));
        assertTrue(result.contains("\t\"sh -c \\\"echo \\\\\\\\ hi\\\"\",\n"), result);
    }

    @Test
    void needsAtLeastOneCommand() {
        assertThrows(IllegalArgumentException.class, () -> ExecAllowList.apply("package p\n", List.of()));
    }
}
