package io.github.coco4j.aa.kbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.digest.HashAlgorithm;

/**
 * How RCAR binds the handshake to the evidence: the report data is the hash (the algorithm the
 * challenge selected) of the RFC 8785 form of {@code {"additional-evidence", "nonce", "tee-pubkey"}}.
 * Client and server compute it the same way.
 */
public final class RuntimeDataBinding {
    private RuntimeDataBinding() {
    }

    /** The {@code runtime-data} member of the attestation request. */
    public static ObjectNode runtimeData(String nonce, JsonNode teePubkey) {
        ObjectNode runtimeData = JsonNodeFactory.instance.objectNode();
        runtimeData.put("nonce", nonce);
        runtimeData.set("tee-pubkey", teePubkey);
        return runtimeData;
    }

    public static byte[] reportData(String nonce, JsonNode teePubkey, String additionalEvidence,
                                    HashAlgorithm hash) {
        ObjectNode bound = JsonNodeFactory.instance.objectNode();
        bound.set("tee-pubkey", teePubkey);
        bound.put("nonce", nonce);
        bound.put("additional-evidence", additionalEvidence);
        return hash.digest(CanonicalJson.bytes(bound));
    }
}
