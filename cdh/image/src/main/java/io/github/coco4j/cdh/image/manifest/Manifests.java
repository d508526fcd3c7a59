package io.github.coco4j.cdh.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.registry.FetchedManifest;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parsing of manifests and indexes (schema version 2 only; Docker's schema 1 is refused, as upstream). */
public final class Manifests {
    private Manifests() {
    }

    /** A per-platform manifest: its config and layers. */
    public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    }

    /** The media type of a fetched document: the body's own, else the registry's Content-Type. */
    public static String mediaType(FetchedManifest fetched) throws ImageException {
        JsonNode root = read(fetched.body());
        String declared = root.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        String type = fetched.contentType().split(";")[0].strip();
        return root.has("manifests") && !MediaTypes.isIndex(type) ? MediaTypes.OCI_INDEX : type.isEmpty() ? MediaTypes.OCI_MANIFEST : type;
    }

    public static List<Descriptor> index(byte[] body) throws ImageException {
        JsonNode root = schema2(body);
        List<Descriptor> out = new ArrayList<>();
        JsonNode manifests = root.path("manifests");
        for (int i = 0; i < manifests.size(); i++) {
            out.add(descriptor(manifests.get(i), "manifests[" + i + "]"));
        }
        return out;
    }

    public static ImageManifest manifest(byte[] body, String mediaType) throws ImageException {
        JsonNode root = schema2(body);
        Descriptor config = descriptor(root.path("config"), "config");
        List<Descriptor> layers = new ArrayList<>();
        JsonNode array = root.path("layers");
        if (!array.isArray()) {
            throw new ImageException(Stage.MANIFEST, "manifest has no layers array");
        }
        for (int i = 0; i < array.size(); i++) {
            layers.add(descriptor(array.get(i), "layers[" + i + "]"));
        }
        return new ImageManifest(mediaType, config, List.copyOf(layers));
    }

    private static Descriptor descriptor(JsonNode node, String where) throws ImageException {
        try {
            return Descriptor.from(node, where);
        } catch (IOException e) {
            throw new ImageException(Stage.MANIFEST, "manifest: " + e.getMessage());
        }
    }

    private static JsonNode schema2(byte[] body) throws ImageException {
        JsonNode root = read(body);
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw new ImageException(Stage.MANIFEST, "manifest schemaVersion must be 2 (schema 1 is not supported)");
        }
        return root;
    }

    static JsonNode read(byte[] body) throws ImageException {
        try {
            JsonNode root = JsonTrees.read(body);
            if (!root.isObject()) {
                throw new ImageException(Stage.MANIFEST, "manifest is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new ImageException(Stage.MANIFEST, "manifest is not valid JSON: " + e.getMessage());
        }
    }
}
