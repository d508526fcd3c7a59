package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.policy.decisionlog.DecisionLog;
import io.github.coco4j.policy.decisionlog.DecisionLogEntry;
import io.github.coco4j.policy.gate.Decision;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code agent-policy replay}: evaluates each logged request in order on one engine. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a decision log (JSON lines {\"kind\":…,\"request\":…}); writes one line per request: "
                + "{\"kind\":…,\"result\":<value or null>,\"prints\":[…]}.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    AgentPolicyCli cli;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--raw", description = "Report each rule's raw value (no agent semantics, no state updates). "
            + "Without it, each request is decided as the agent does: {\"kind\":…,\"decision\":\"allow\"|\"deny\"|\"error\",\"message\":…}.")
    boolean raw;

    @Option(names = "--requests", required = true, paramLabel = "FILE.jsonl", description = "The decision log to replay.")
    Path requests;

    @Override
    public Integer call() throws Exception {
        if (!raw) {
            return decide();
        }
        Engine engine = policy.load();
        for (DecisionLogEntry entry : DecisionLog.read(requests)) {
            engine.setInput(entry.request());
            Value result = engine.evalRule(entry.rule());
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("kind", entry.kind());
            line.set("result", result == null ? JsonNodeFactory.instance.nullNode() : Json.toJson(result));
            engine.takePrints().forEach(line.putArray("prints")::add);
            cli.out.println(JsonTrees.write(line));
        }
        return 0;
    }

    /** Full agent semantics: state carried from request to request through the policy's ops. */
    private int decide() throws Exception {
        PolicyGate gate = policy.gate();
        for (DecisionLogEntry entry : DecisionLog.read(requests)) {
            Decision decision = gate.decide(entry.kind(), entry.request());
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("kind", entry.kind());
            line.put("decision", switch (decision.outcome()) {
                case ALLOW -> "allow";
                case DENY -> "deny";
                default -> "error";
            });
            line.put("message", decision.message());
            cli.out.println(JsonTrees.write(line));
        }
        return 0;
    }
}
