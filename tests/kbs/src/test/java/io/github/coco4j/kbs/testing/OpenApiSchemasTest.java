package io.github.coco4j.kbs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check finds what it should, so a clean result in the protocol tests means something. */
class OpenApiSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenApiSchemas schemas() throws Exception {
        return OpenApiSchemas.load(TestData.path("attestation/kbs-openapi/kbs.yaml"), Map.of());
    }

    @Test
    void trusteesStringExtraParamsInAChallengeIsReported() throws Exception {
        List<String> problems = schemas().violations("Challenge",
                JSON.readTree("{\"nonce\":\"n\",\"extra-params\":\"\"}"));
        assertEquals(List.of("$.extra-params: expected object, got STRING"), problems);
    }

    @Test
    void missingMembersUnknownTeesAndWrongKeyTypesAreReported() throws Exception {
        OpenApiSchemas schemas = schemas();
        assertTrue(schemas.violations("Request", JSON.readTree("{\"version\":\"0.4.0\",\"tee\":\"sgx2\"}")).get(0)
                .contains("not one of"));
        assertTrue(schemas.violations("CompositeEvidence", JSON.readTree("{\"primary_evidence\":{}}")).get(0)
                .contains("additional_evidence"));
        assertTrue(schemas.violations("TeePubKey", JSON.readTree("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"a\"}"))
                .get(0).contains("oneOf"));
        assertEquals(List.of(), schemas.violations("TeePubKey",
                JSON.readTree("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"a\",\"y\":\"b\"}")));
    }
}
