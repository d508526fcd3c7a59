package io.github.coco4j.kbs.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;

/**
 * A Trustee resource policy in Rego ({@code policy_engine.policy_path}): {@code data.policy.allow}
 * with the token's claims as input and the request ({@code plugin}, {@code resource-path},
 * {@code query}) as data. Anything but {@code true}, or an evaluation error, denies. Tokens name
 * the CPU appraisal {@code submods.cpu0}, as today's Trustee does; the workshop-era Trustee named
 * it {@code submods.cpu}, so the input has it under both names and policies of either time work.
 */
public final class RegoResourcePolicy implements ResourcePolicy {
    /** Compiled once; each decision replaces its data and input. */
    private final Engine engine;

    /** Trustee's policies use either syntax; v0 parsing also takes {@code import rego.v1}. */
    public RegoResourcePolicy(String name, String text) {
        this.engine = new Engine().addPolicy(name, text, false);
        engine.compile();
    }

    private static JsonNode withWorkshopSubmodule(JsonNode claims) {
        JsonNode cpu0 = claims.path("submods").get("cpu0");
        if (cpu0 == null || claims.path("submods").has("cpu")) {
            return claims;
        }
        ObjectNode input = claims.deepCopy();
        ((ObjectNode) input.get("submods")).set("cpu", cpu0);
        return input;
    }

    @Override
    public synchronized boolean allows(JsonNode claims, JsonNode request) throws PolicyException {
        try {
            engine.setData(Json.toValue(request)).setInput(Json.toValue(withWorkshopSubmodule(claims)));
            Value allow = engine.evalRule("data.policy.allow");
            engine.takePrints();
            return allow == BoolValue.TRUE;
        } catch (RegoException e) {
            throw new PolicyException("resource policy: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
