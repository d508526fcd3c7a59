package io.github.coco4j.policy.decisionlog;

import io.github.coco4j.rego.value.Value;

/** One logged request: its message name and the policy input. */
public record DecisionLogEntry(String kind, Value request) {
    /** The rule the agent queries for this request. */
    public String rule() {
        return "data.agent_policy." + kind;
    }
}
