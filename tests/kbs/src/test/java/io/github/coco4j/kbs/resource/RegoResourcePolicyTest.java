package io.github.coco4j.kbs.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Resource policies of both Trustee generations read the same token. */
class RegoResourcePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"plugin\": \"resource\", \"resource-path\": [\"default\", \"kbsres1\", "
            + "\"key1\"], \"query\": {}}";

    private static boolean allows(String submodule, String status) throws Exception {
        RegoResourcePolicy policy = new RegoResourcePolicy("policy.rego", """
                package policy
                import rego.v1
                default allow := false
                allow if input["submods"]["%s"]["ear.status"] == "affirming"
                """.formatted(submodule));
        JsonNode token = JSON.readTree("{\"submods\": {\"cpu0\": {\"ear.status\": \"" + status + "\"}}}");
        return policy.allows(token, JSON.readTree(REQUEST));
    }

    @Test
    void todaysCpu0AndTheWorkshopsCpuBothWork() throws Exception {
        assertTrue(allows("cpu0", "affirming"));
        assertTrue(allows("cpu", "affirming"));
        assertFalse(allows("cpu", "warning"));
        assertFalse(allows("cpu1", "affirming"));
    }
}
