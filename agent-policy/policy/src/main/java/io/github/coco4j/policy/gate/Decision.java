package io.github.coco4j.policy.gate;

/** What the gate decided for one request, with the message the caller returns on refusal. */
public record Decision(Outcome outcome, String message) {
    /** How a refusal maps onto the agent's status codes. */
    public enum Outcome {
        /** The request may proceed. */
        ALLOW,
        /** PERMISSION_DENIED. */
        DENY,
        /** INTERNAL: the policy failed or gave something other than a decision. */
        ERROR,
        /** INVALID_ARGUMENT: a new policy that does not load. */
        INVALID_ARGUMENT
    }

    static Decision allow() {
        return new Decision(Outcome.ALLOW, "");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
