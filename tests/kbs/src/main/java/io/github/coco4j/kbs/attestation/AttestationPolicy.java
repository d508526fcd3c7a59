package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attestation policy (package {@code policy}) that turns a verifier's claims into an EAR
 * appraisal, for both generations of Trustee's EAR token broker. Today's policies define
 * {@code trust_claims} (an object of AR4SI claims) and optionally {@code extensions}, and read
 * reference values with {@code query_reference_value(name)}; workshop-era ones define each claim
 * as its own rule ({@code executables}, {@code hardware}, {@code configuration}, {@code file_system},
 * ...) and read {@code data.reference.<name>}. Both see the same input: the annotated evidence.
 */
public final class AttestationPolicy {
    private static final String RESOURCES = "/io/github/coco4j/kbs/attestation/policy/";
    private static final String TRUST_CLAIMS = "data.policy.trust_claims";
    private static final String EXTENSIONS = "data.policy.extensions";

    private final String name;
    /** Compiled once; each appraisal replaces its data and input (the engine is not thread-safe). */
    private final Engine engine = new Engine();

    private AttestationPolicy(String name, Map<String, String> modules) {
        this.name = name;
        modules.forEach((module, text) -> engine.addPolicy(module, text, false));
        engine.compile();
    }

    /** Trustee's default CPU policy, with this KBS's approval of tpm evidence whose initdata is registered. */
    public static AttestationPolicy trusteeDefault() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("ear_default_policy_cpu.rego", resource("ear_default_policy_cpu.rego"));
        modules.put("tpm_initdata.rego", resource("tpm_initdata.rego"));
        modules.put("query_reference_value.rego", resource("query_reference_value.rego"));
        return new AttestationPolicy("Trustee's default CPU policy", modules);
    }

    /** A policy file (Rego v0 syntax, or v1 with {@code import rego.v1}); errors name the file. */
    public static AttestationPolicy load(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put(file.toString(), text);
        modules.put("query_reference_value.rego", resource("query_reference_value.rego"));
        try {
            return new AttestationPolicy(file.toString(), modules);
        } catch (RegoException e) {
            throw new IOException("attestation policy " + file + ": " + firstLine(e), e);
        }
    }

    /**
     * The policy a token broker's {@code policy_dir} holds: {@code default_cpu.rego} (today's name)
     * or {@code default.rego} (the workshop's), directly in the directory or in its {@code opa/}
     * subdirectory where Trustee's OPA engine kept it; empty when there is none.
     */
    public static Optional<Path> inPolicyDir(Path dir) {
        for (String sub : List.of("", "opa/")) {
            for (String file : List.of("default_cpu.rego", "default.rego")) {
                Path candidate = dir.resolve(sub + file);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    /** Appraises {@code input} (the annotated evidence) with {@code references} as the reference values. */
    public synchronized Appraisal appraise(JsonNode input, ReferenceValues references)
            throws PolicyEvaluationException {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("reference", references.toJson());
        try {
            engine.setData(Json.toValue(data)).setInput(Json.toValue(input));
            Value trustClaims = engine.evalRule(TRUST_CLAIMS);
            Map<String, Integer> vector = trustClaims != null ? trustVector(Json.toJson(trustClaims))
                    : claimRules();
            if (vector.isEmpty()) {
                throw new PolicyEvaluationException(name + " sets no trust claim (at least one must be set)");
            }
            Appraisal appraisal = new Appraisal(vector, extensions());
            engine.takePrints();
            return appraisal;
        } catch (RegoException e) {
            engine.takePrints();
            throw new PolicyEvaluationException(name + ": " + firstLine(e));
        }
    }

    private Map<String, Integer> trustVector(JsonNode claims) throws PolicyEvaluationException {
        if (!claims.isObject()) {
            throw new PolicyEvaluationException(name + ": trust_claims is not an object");
        }
        Map<String, Integer> vector = new HashMap<>();
        for (var it = claims.fields(); it.hasNext(); ) {
            var claim = it.next();
            vector.put(claimName(claim.getKey()), claimValue(claim.getKey(), claim.getValue()));
        }
        return vector;
    }

    /** Workshop-era policies: one rule per claim, named with underscores; undefined ones stay unset. */
    private Map<String, Integer> claimRules() throws PolicyEvaluationException {
        Map<String, Integer> vector = new HashMap<>();
        for (String claim : Appraisal.CLAIMS) {
            String rule = claim.replace('-', '_');
            Value value = engine.evalRule("data.policy." + rule);
            if (value != null) {
                vector.put(claim, claimValue(rule, Json.toJson(value)));
            }
        }
        return vector;
    }

    private String claimName(String claim) throws PolicyEvaluationException {
        if (!Appraisal.CLAIMS.contains(claim)) {
            throw new PolicyEvaluationException(name + ": '" + claim + "' is not a trust claim (known: "
                    + String.join(", ", Appraisal.CLAIMS) + ")");
        }
        return claim;
    }

    private int claimValue(String claim, JsonNode value) throws PolicyEvaluationException {
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < Byte.MIN_VALUE
                || value.asInt() > Byte.MAX_VALUE) {
            throw new PolicyEvaluationException(name + ": trust claim " + claim + " is " + value
                    + ", not an integer from -128 to 127");
        }
        return value.asInt();
    }

    /** Today's {@code extensions}: {@code [{"name", "key", "value"}]}, each added to the appraisal under its name. */
    private Map<String, JsonNode> extensions() throws PolicyEvaluationException {
        Value value = engine.evalRule(EXTENSIONS);
        Map<String, JsonNode> extensions = new LinkedHashMap<>();
        if (value == null) {
            return extensions;
        }
        JsonNode list = Json.toJson(value);
        for (JsonNode extension : list) {
            if (!extension.path("name").isTextual() || !extension.has("value")) {
                throw new PolicyEvaluationException(name + ": every extension needs a name and a value");
            }
            extensions.put(extension.get("name").asText(), extension.get("value"));
        }
        return extensions;
    }

    private static String firstLine(RuntimeException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static String resource(String file) {
        try (InputStream in = AttestationPolicy.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy could not be evaluated, or its result is not an appraisal; no token is issued. */
    public static final class PolicyEvaluationException extends Exception {
        private static final long serialVersionUID = 1L;

        PolicyEvaluationException(String message) {
            super(message);
        }
    }
}
