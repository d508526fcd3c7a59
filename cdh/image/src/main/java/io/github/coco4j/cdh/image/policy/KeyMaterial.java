package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A signature requirement's keys: each {@code keyPath} fetched as a resource URI when the image is
 * checked (as upstream, so a KBS key can change between pulls), or the inline {@code keyData}.
 */
final class KeyMaterial {
    private KeyMaterial() {
    }

    /** @param inline how this requirement type encodes {@code keyData} */
    static List<byte[]> load(Requirement.Signed requirement, Resources resources, Function<String, byte[]> inline)
            throws ImageException {
        if (requirement.keyData().isPresent()) {
            try {
                return List.of(inline.apply(requirement.keyData().get()));
            } catch (IllegalArgumentException e) {
                throw new ImageException(Stage.POLICY, "keyData: " + e.getMessage(), e);
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (String uri : requirement.keyPaths()) {
            try {
                out.add(resources.fetch(uri));
            } catch (IOException e) {
                throw new ImageException(Stage.POLICY, "cannot fetch key " + uri + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
