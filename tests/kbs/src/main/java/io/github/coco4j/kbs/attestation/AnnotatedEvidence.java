package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The verifier's claims as Trustee's token broker arranges them: {@code init_data} with
 * {@code init_data_claims} and {@code report_data} with {@code runtime_data_claims} at the top, the
 * TEE's own claims under its name. This is both the attestation policy's input and the token's
 * {@code ear.veraison.annotated-evidence}.
 */
final class AnnotatedEvidence {
    /** Workshop-era Trustee named the Azure TEEs without dashes; policies of that time read these names. */
    private static final Map<String, String> WORKSHOP_NAMES = Map.of("az-snp-vtpm", "azsnpvtpm",
            "az-tdx-vtpm", "aztdxvtpm");

    private AnnotatedEvidence() {
    }

    /** Today's name of a TEE that a client may name as workshop-era clients did ({@code azsnpvtpm}). */
    static String currentName(String tee) {
        return WORKSHOP_NAMES.entrySet().stream().filter(e -> e.getValue().equals(tee)).map(Map.Entry::getKey)
                .findFirst().orElse(tee);
    }

    static ObjectNode of(String tee, ObjectNode claims, JsonNode runtimeData, JsonNode initDataClaims) {
        ObjectNode teeClaims = claims.deepCopy();
        ObjectNode annotated = JsonNodeFactory.instance.objectNode();
        JsonNode initData = teeClaims.remove("init_data");
        if (initData != null) {
            annotated.set("init_data", initData);
            annotated.set("init_data_claims", initDataClaims == null ? JsonNodeFactory.instance.nullNode()
                    : initDataClaims);
        }
        JsonNode reportData = teeClaims.remove("report_data");
        if (reportData != null) {
            annotated.set("report_data", reportData);
            annotated.set("runtime_data_claims", runtimeData);
        }
        annotated.set(tee, teeClaims);
        return annotated;
    }

    /** The policy input: the annotated evidence, the TEE's claims also under its workshop-era name. */
    static ObjectNode policyInput(String tee, ObjectNode annotated) {
        ObjectNode input = annotated.deepCopy();
        String workshopName = WORKSHOP_NAMES.get(tee);
        if (workshopName != null) {
            input.set(workshopName, annotated.get(tee));
        }
        return input;
    }
}
