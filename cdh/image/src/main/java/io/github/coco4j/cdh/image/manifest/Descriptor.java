package io.github.coco4j.cdh.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.reference.Digest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An OCI content descriptor: what a manifest says of a blob. */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Optional<String> os, Optional<String> architecture) {

    static Descriptor from(JsonNode node, String where) throws IOException {
        if (!node.isObject()) {
            throw new IOException(where + " is not a descriptor object");
        }
        Digest digest;
        try {
            digest = Digest.parse(node.path("digest").asText(null));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
        long size = node.path("size").asLong(-1);
        if (size < 0) {
            throw new IOException(where + ": size is missing or negative");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        JsonNode platform = node.path("platform");
        return new Descriptor(node.path("mediaType").asText(""), digest, size, java.util.Collections.unmodifiableMap(annotations),
                text(platform, "os"), text(platform, "architecture"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText);
    }

    /** The first provider annotation in the manifest's key order matters for decryption, so order is kept. */
    public Map<String, String> annotations() {
        return annotations;
    }
}
