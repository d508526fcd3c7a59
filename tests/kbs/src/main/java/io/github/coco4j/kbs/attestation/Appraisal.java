package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An EAR appraisal as Trustee's token broker makes it: the trust vector the attestation policy
 * set (AR4SI claims, -128..127) and the status, the worst tier among them (ear-rs:
 * -1..1 none, up to ±31 affirming, up to ±95 warning, beyond contraindicated).
 */
public record Appraisal(Map<String, Integer> trustVector, Map<String, JsonNode> extensions) {
    /** The AR4SI claim names in the order an EAR lists them. */
    public static final List<String> CLAIMS = List.of("instance-identity", "configuration", "executables",
            "file-system", "hardware", "runtime-opaque", "storage-opaque", "sourced-data");
    private static final List<String> TIERS = List.of("none", "affirming", "warning", "contraindicated");

    public Appraisal {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String name : CLAIMS) {
            if (trustVector.containsKey(name)) {
                ordered.put(name, trustVector.get(name));
            }
        }
        trustVector = Collections.unmodifiableMap(ordered);
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** {@code ear.status}. */
    public String status() {
        int worst = trustVector.values().stream().mapToInt(Appraisal::tier).max().orElse(0);
        return TIERS.get(worst);
    }

    /**
     * The status with the claims that made it worse than affirming, e.g. {@code warning
     * (executables 33)}: what an operator reading the log needs to know about a refusal.
     */
    public String summary() {
        String failed = trustVector.entrySet().stream().filter(claim -> tier(claim.getValue()) > 1)
                .map(claim -> claim.getKey() + " " + claim.getValue()).collect(Collectors.joining(", "));
        return failed.isEmpty() ? status() : status() + " (" + failed + ")";
    }

    private static int tier(int value) {
        if (value >= -1 && value <= 1) {
            return 0;
        }
        if (value >= -32 && value < 32) {
            return 1;
        }
        return value >= -96 && value < 96 ? 2 : 3;
    }
}
