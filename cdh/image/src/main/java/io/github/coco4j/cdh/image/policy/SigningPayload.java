package io.github.coco4j.cdh.image.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;

/**
 * The signed claim of a simple-signing payload: {@code critical.image.docker-manifest-digest} and
 * {@code critical.identity.docker-reference}. GPG signatures carry the type "atomic container
 * signature"; cosign writes "cosign container image signature".
 */
public record SigningPayload(Digest manifestDigest, ClaimedReference identity) {
    public static final String ATOMIC = "atomic container signature";
    public static final String COSIGN = "cosign container image signature";

    public static SigningPayload parse(byte[] json, String expectedType) throws IOException {
        JsonNode critical = JsonTrees.read(json).path("critical");
        String type = critical.path("type").asText("");
        if (!type.equals(expectedType)) {
            throw new IOException("payload type is \"" + type + "\", not \"" + expectedType + "\"");
        }
        String digest = critical.path("image").path("docker-manifest-digest").asText("");
        String reference = critical.path("identity").path("docker-reference").asText("");
        try {
            return new SigningPayload(Digest.parse(digest), ClaimedReference.parse(reference));
        } catch (IllegalArgumentException e) {
            throw new IOException("payload: " + e.getMessage(), e);
        }
    }
}
