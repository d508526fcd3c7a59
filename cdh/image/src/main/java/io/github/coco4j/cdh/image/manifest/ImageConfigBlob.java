package io.github.coco4j.cdh.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.reference.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * What the puller needs of the image configuration: its os, the layers' uncompressed digests, and the
 * whole document, from which the bundle's runtime config is made.
 */
public record ImageConfigBlob(String os, List<Digest> diffIds, JsonNode document) {
    public static ImageConfigBlob parse(byte[] body) throws ImageException {
        JsonNode root = Manifests.read(body);
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode id : root.path("rootfs").path("diff_ids")) {
            try {
                diffIds.add(Digest.parse(id.asText()));
            } catch (IllegalArgumentException e) {
                throw new ImageException(Stage.MANIFEST, "image config: " + e.getMessage());
            }
        }
        return new ImageConfigBlob(root.path("os").asText(""), List.copyOf(diffIds), root);
    }
}
