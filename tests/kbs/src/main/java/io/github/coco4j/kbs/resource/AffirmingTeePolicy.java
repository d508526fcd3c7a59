package io.github.coco4j.kbs.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The built-in resource policy, the meaning of Trustee's default one: resources go to tokens whose
 * evidence was affirmed and did not come from the sample attester; everything else is denied.
 */
public final class AffirmingTeePolicy implements ResourcePolicy {
    @Override
    public boolean allows(JsonNode claims, JsonNode request) {
        JsonNode appraisal = claims.at("/submods/cpu0");
        return "resource".equals(request.path("plugin").asText())
                && "affirming".equals(appraisal.path("ear.status").asText())
                && !appraisal.path("ear.veraison.annotated-evidence").has("sample");
    }
}
