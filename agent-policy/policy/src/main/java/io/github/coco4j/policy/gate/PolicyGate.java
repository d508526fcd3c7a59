package io.github.coco4j.policy.gate;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.github.coco4j.policy.input.PolicyInputRenderer;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.eval.Failure;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.JsonPatch;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.List;
import java.util.logging.Logger;

/**
 * The policy enforcement point: decides each agent request as the Kata agent does. The rule
 * {@code data.agent_policy.<request message name>} is evaluated with the request as input:
 * {@code true} allows, {@code false} denies, {@code {"allowed": b, "ops": [...]}} decides by
 * {@code b} and, when allowed, applies the JSON Patch {@code ops} to the data document (the
 * policy's state lives in {@code data.pstate}); anything else, an undefined rule or an
 * evaluation error is an internal error. When the policy's {@code AllowRequestsFailingPolicy} is
 * true, denials and undefined results are allowed (and logged). Decisions are serialized, so
 * every request sees the state the previous one left.
 *
 * <p>With {@link #explainDenials}, a denial also says where the deciding rule failed: the
 * file:line:col of the first failing expression, found by evaluating the rule again (denials are
 * rare; allowed requests pay nothing). It is off by default because the expression is chosen by
 * the request's data, which is then told to whoever sent the request.
 */
public final class PolicyGate {
    private static final Logger LOG = Logger.getLogger(PolicyGate.class.getName());
    private static final String RULE_PREFIX = "data.agent_policy.";
    /** The name a policy sent with SetPolicy is loaded under, as Kata does. */
    private static final String UPLOADED_POLICY_NAME = "agent_policy";

    private final boolean regoV1;
    private final DecisionLogWriter decisionLog;
    private Engine engine;
    private boolean allowFailures;
    private boolean explainDenials;

    private PolicyGate(Engine engine, boolean regoV1, DecisionLogWriter decisionLog) {
        this.engine = engine;
        this.regoV1 = regoV1;
        this.decisionLog = decisionLog;
        updateAllowFailures();
    }

    /** Loads the startup policy; a policy that does not load is an error the agent must not survive. */
    public static PolicyGate load(String name, String policy, boolean regoV1, DecisionLogWriter decisionLog) {
        return new PolicyGate(newEngine(name, policy, regoV1), regoV1, decisionLog);
    }

    private static Engine newEngine(String name, String policy, boolean regoV1) {
        Engine engine = new Engine().setStrictBuiltinErrors(false)
                .setData(ObjectValue.builder().put("pstate", ObjectValue.EMPTY).build());
        engine.addPolicy(name, policy, regoV1);
        engine.compile();
        return engine;
    }

    /** Whether denials also name the first failing expression of the deciding rule. */
    public synchronized PolicyGate explainDenials(boolean explain) {
        this.explainDenials = explain;
        return this;
    }

    /** Decides a request message; its type name selects the rule. */
    public Decision check(Message request) {
        return check(request.getDescriptorForType(), request);
    }

    /** Decides a request of the given type, as a server knows it from the called method. */
    public Decision check(Descriptor type, Message request) {
        return decide(type.getName(), Json.toValue(PolicyInputRenderer.render(type, request)));
    }

    /** Decides a request given as its message name and its policy input. */
    public synchronized Decision decide(String kind, Value input) {
        if (decisionLog != null) {
            decisionLog.record(kind, input);
        }
        Value result;
        String prints;
        try {
            engine.setInput(input);
            result = engine.evalRule(RULE_PREFIX + kind);
        } catch (RegoException e) {
            engine.takePrints();
            return new Decision(Decision.Outcome.ERROR, kind + ": internal error " + firstLine(e.getMessage()));
        }
        prints = String.join(" ", engine.takePrints());
        if (result == null) {
            return undefined(kind);
        }
        Boolean allowed = allowed(kind, result);
        if (allowed == null) {
            return new Decision(Decision.Outcome.ERROR, kind + ": internal error policy check: unexpected result "
                    + result.typeName() + " " + abbreviate(result));
        }
        if (allowed) {
            return applyOps(kind, result);
        }
        if (allowFailures) {
            LOG.warning(() -> "policy: ignoring the denial of " + kind + " (AllowRequestsFailingPolicy)");
            return Decision.allow();
        }
        return new Decision(Decision.Outcome.DENY, DenialText.of(kind, prints, decidedBy() + failedAt(kind)));
    }

    /**
     * SetPolicy: the current policy must allow the upload; the new policy then replaces it with a
     * fresh state. A policy that does not load is INVALID_ARGUMENT and leaves the current one in place.
     */
    public synchronized Decision setPolicy(String policy) {
        Decision allowed = decide("SetPolicyRequest", ObjectValue.builder().put("policy", StringValue.of(policy)).build());
        if (!allowed.allowed()) {
            return allowed;
        }
        try {
            engine = newEngine(UPLOADED_POLICY_NAME, policy, regoV1);
        } catch (RegoException e) {
            return new Decision(Decision.Outcome.INVALID_ARGUMENT, "SetPolicyRequest: " + firstLine(e.getMessage()));
        }
        updateAllowFailures();
        return Decision.allow();
    }

    /** The data document, whose {@code pstate} the policy's ops update. */
    public synchronized Value data() {
        return engine.data();
    }

    public synchronized boolean allowsFailures() {
        return allowFailures;
    }

    /** Asks the (new) policy, deciding with the flag off, as Kata does after every load. */
    private void updateAllowFailures() {
        allowFailures = false;
        allowFailures = decide("AllowRequestsFailingPolicy", ObjectValue.EMPTY).allowed();
        if (allowFailures) {
            LOG.warning("policy: AllowRequestsFailingPolicy is enabled - denials and failures will be allowed");
        }
    }

    /** true/false, or the {@code allowed} member of a {@code {allowed, ops}} object; null for anything else. */
    private static Boolean allowed(String kind, Value result) {
        if (result instanceof BoolValue b) {
            return b.value();
        }
        if (result instanceof ObjectValue o && o.get("allowed") instanceof BoolValue b
                && (o.get("ops") == null || o.get("ops") instanceof NullValue || o.get("ops") instanceof ArrayValue)) {
            return b.value();
        }
        return null;
    }

    private Decision applyOps(String kind, Value result) {
        if (result instanceof ObjectValue o && o.get("ops") instanceof ArrayValue ops) {
            try {
                engine.setData(JsonPatch.apply(engine.data(), ops));
            } catch (IllegalArgumentException | RegoException e) {
                return new Decision(Decision.Outcome.ERROR, kind + ": internal error applying the policy's ops: " + e.getMessage());
            }
        }
        return Decision.allow();
    }

    private Decision undefined(String kind) {
        if (allowFailures) {
            LOG.warning(() -> "policy: allowing " + kind + ", whose rule is undefined (AllowRequestsFailingPolicy)");
            return Decision.allow();
        }
        return new Decision(Decision.Outcome.ERROR, kind + ": internal error policy check: " + RULE_PREFIX + kind + " is undefined");
    }

    /** Beyond Kata's text: which rule decided, so that a denial with no prints still says why. */
    private String decidedBy() {
        String origin = engine.lastOrigin();
        return origin == null ? "" : " (decided by " + origin + ")";
    }

    /**
     * With {@link #explainDenials}: " (failed at FILE:LINE:COL)", the innermost failing expression
     * of the deciding rule; empty when off or when the rule gives no failure. The input is still
     * the denied request's; what the second evaluation prints is not part of the denial.
     */
    private String failedAt(String kind) {
        if (!explainDenials) {
            return "";
        }
        try {
            List<Failure> failures = engine.explain(RULE_PREFIX + kind);
            return failures.isEmpty() ? "" : " (failed at " + failures.get(0).location() + ")";
        } catch (RegoException e) {
            LOG.warning(() -> "policy: explaining the denial of " + kind + ": " + firstLine(e.getMessage()));
            return "";
        } finally {
            engine.takePrints();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String abbreviate(Value value) {
        String text = value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
