package io.github.coco4j.policy.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.proto.kata.GuestDetailsRequest;
import io.github.coco4j.proto.kata.MemAgentMemcgConfig;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PolicyGate gate(String policy) {
        return PolicyGate.load("policy.rego", "package agent_policy\n" + policy, true, null);
    }

    private static Value input(String json) throws IOException {
        return Json.toValue(JSON.readTree(json));
    }

    @Test
    void trueAllowsAndFalseDeniesWithThePrintsAndTheDecidingRule() throws IOException {
        PolicyGate gate = gate("""
                default ExecProcessRequest := false
                ExecProcessRequest if {
                    print("args:", input.process.Args)
                    input.process.Args == ["id"]
                }
                """);
        assertTrue(gate.decide("ExecProcessRequest", input("{\"process\":{\"Args\":[\"id\"]}}")).allowed());
        Decision denied = gate.decide("ExecProcessRequest", input("{\"process\":{\"Args\":[\"ls\"]}}"));
        assertEquals(Decision.Outcome.DENY, denied.outcome());
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:4: args: [\"ls\"]"
                + " (decided by the default rule at policy.rego:2)", denied.message());
    }

    @Test
    void explainedDenialsAlsoNameTheFirstFailingExpressionAndPrintNothingTwice() throws IOException {
        PolicyGate gate = gate("""
                default ExecProcessRequest := false
                ExecProcessRequest if {
                    print("args:", input.process.Args)
                    input.process.Args == ["id"]
                }
                """).explainDenials(true);
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:4: args: [\"ls\"]"
                + " (decided by the default rule at policy.rego:2) (failed at policy.rego:5:5)",
                gate.decide("ExecProcessRequest", input("{\"process\":{\"Args\":[\"ls\"]}}")).message());
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:4: args: [\"sh\"]"
                + " (decided by the default rule at policy.rego:2) (failed at policy.rego:5:5)",
                gate.decide("ExecProcessRequest", input("{\"process\":{\"Args\":[\"sh\"]}}")).message());
    }

    @Test
    void anUndefinedRuleOrAnUnexpectedValueOrAnEvaluationErrorIsInternal() throws IOException {
        PolicyGate gate = gate("""
                CreateContainerRequest := "yes"
                ExecProcessRequest := x if { x := input.a }
                ExecProcessRequest := x if { x := input.b }
                """);
        Decision undefined = gate.decide("RemoveContainerRequest", ObjectValue.EMPTY);
        assertEquals(Decision.Outcome.ERROR, undefined.outcome());
        assertTrue(undefined.message().startsWith("RemoveContainerRequest: internal error"), undefined.message());
        assertEquals(Decision.Outcome.ERROR, gate.decide("CreateContainerRequest", ObjectValue.EMPTY).outcome());
        Decision conflict = gate.decide("ExecProcessRequest", input("{\"a\":true,\"b\":false}"));
        assertEquals(Decision.Outcome.ERROR, conflict.outcome());
        assertTrue(conflict.message().contains("multiple outputs"), conflict.message());
    }

    @Test
    void opsOfAnAllowedDecisionUpdateTheStateAndADeniedOneLeavesIt() throws IOException {
        PolicyGate gate = gate("""
                CreateContainerRequest := {"allowed": true, "ops": [{"op": "add", "path": "/pstate/ids", "value": [input.id]}]}
                RemoveContainerRequest := {"allowed": false, "ops": [{"op": "remove", "path": "/pstate/ids"}]}
                ExecProcessRequest if input.id in data.pstate.ids
                default ExecProcessRequest := false
                """);
        assertFalse(gate.decide("ExecProcessRequest", input("{\"id\":\"c1\"}")).allowed());
        assertTrue(gate.decide("CreateContainerRequest", input("{\"id\":\"c1\"}")).allowed());
        assertEquals(input("{\"pstate\":{\"ids\":[\"c1\"]}}"), gate.data());
        assertTrue(gate.decide("ExecProcessRequest", input("{\"id\":\"c1\"}")).allowed());
        assertEquals(Decision.Outcome.DENY, gate.decide("RemoveContainerRequest", ObjectValue.EMPTY).outcome());
        assertEquals(input("{\"pstate\":{\"ids\":[\"c1\"]}}"), gate.data());
    }

    @Test
    void opsThatDoNotApplyAreAnInternalErrorAndChangeNothing() throws IOException {
        PolicyGate gate = gate("""
                CreateContainerRequest := {"allowed": true, "ops": [{"op": "add", "path": "/pstate/a", "value": 1}, {"op": "remove", "path": "/pstate/missing"}]}
                """);
        Decision d = gate.decide("CreateContainerRequest", ObjectValue.EMPTY);
        assertEquals(Decision.Outcome.ERROR, d.outcome());
        assertEquals(input("{\"pstate\":{}}"), gate.data());
    }

    @Test
    void allowRequestsFailingPolicyTurnsDenialsAndUndefinedIntoAllowed() {
        PolicyGate gate = gate("""
                AllowRequestsFailingPolicy := true
                ExecProcessRequest := false
                """);
        assertTrue(gate.allowsFailures());
        assertTrue(gate.decide("ExecProcessRequest", ObjectValue.EMPTY).allowed());
        assertTrue(gate.decide("CreateContainerRequest", ObjectValue.EMPTY).allowed());
    }

    @Test
    void setPolicyIsCheckedThenReplacesThePolicyWithAFreshState() throws IOException {
        PolicyGate gate = gate("""
                SetPolicyRequest if not contains(input.policy, "forbidden")
                default SetPolicyRequest := false
                CreateContainerRequest := {"allowed": true, "ops": [{"op": "add", "path": "/pstate/n", "value": 1}]}
                ExecProcessRequest := false
                """);
        gate.decide("CreateContainerRequest", ObjectValue.EMPTY);
        assertEquals(Decision.Outcome.DENY, gate.setPolicy("package agent_policy\n# forbidden\n").outcome());
        Decision invalid = gate.setPolicy("package agent_policy\nExecProcessRequest := \n");
        assertEquals(Decision.Outcome.INVALID_ARGUMENT, invalid.outcome());
        assertTrue(invalid.message().startsWith("SetPolicyRequest: agent_policy:"), invalid.message());
        assertFalse(gate.decide("ExecProcessRequest", ObjectValue.EMPTY).allowed());
        assertTrue(gate.setPolicy("package agent_policy\nExecProcessRequest := true\n").allowed());
        assertTrue(gate.decide("ExecProcessRequest", ObjectValue.EMPTY).allowed());
        assertEquals(input("{\"pstate\":{}}"), gate.data());
    }

    @Test
    void theRuleIsNamedAfterTheRequestMessage() {
        PolicyGate gate = gate("""
                ReadStreamRequest := true
                GuestDetailsRequest := true
                MemAgentMemcgConfig := true
                """);
        assertTrue(gate.check(ReadStreamRequest.newBuilder().setContainerId("c").build()).allowed());
        assertTrue(gate.check(GuestDetailsRequest.getDefaultInstance()).allowed());
        assertTrue(gate.check(MemAgentMemcgConfig.getDefaultInstance()).allowed());
    }

    @Test
    void aStartupPolicyThatDoesNotLoadIsAnError() {
        assertThrows(RegoException.class, () -> gate("ExecProcessRequest if {"));
    }

    @Test
    void theDecisionLogRecordsRequestsInTheReplayFormatExceptStreamsStatsAndUploads(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("policy.jsonl");
        try (DecisionLogWriter writer = new DecisionLogWriter(log)) {
            PolicyGate gate = PolicyGate.load("p.rego", "package agent_policy\ndefault ExecProcessRequest := true\n", true, writer);
            gate.decide("ExecProcessRequest", ObjectValue.builder().put("exec_id", StringValue.of("e1")).build());
            gate.decide("ReadStreamRequest", ObjectValue.EMPTY);
            gate.decide("StatsContainerRequest", ObjectValue.EMPTY);
        }
        assertEquals(List.of("{\"kind\":\"AllowRequestsFailingPolicy\",\"request\":{}}",
                "{\"kind\":\"ExecProcessRequest\",\"request\":{\"exec_id\":\"e1\"}}"), Files.readAllLines(log));
    }

    @Test
    void aPolicyBuildingTooMuchIsAnErrorThatDoesNotAllow() {
        PolicyGate gate = gate("""
                ExecProcessRequest if {
                    count([[a, b] | some a in numbers.range(1, 10000); some b in numbers.range(1, 10000)]) > 0
                }
                """);
        Decision decision = gate.decide("ExecProcessRequest", ObjectValue.EMPTY);
        assertFalse(decision.allowed());
        assertEquals(Decision.Outcome.ERROR, decision.outcome());
        assertTrue(decision.message().contains("cells built"), decision.message());
    }
}
