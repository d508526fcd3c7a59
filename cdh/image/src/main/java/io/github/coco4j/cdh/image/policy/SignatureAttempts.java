package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.reference.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The signatures tried for one requirement and why each failed: one good signature suffices, so a
 * refusal has to account for every candidate.
 */
final class SignatureAttempts {
    private final List<String> failures = new ArrayList<>();

    void failed(String candidate, String why) {
        failures.add(candidate + ": " + why);
    }

    /** @param where where the signatures were looked for */
    ImageException refusal(Digest digest, String where) {
        if (failures.isEmpty()) {
            return new ImageException(Stage.POLICY, "no signature for " + digest + " in " + where);
        }
        return new ImageException(Stage.POLICY, "no valid signature for " + digest + " in " + where + " (tried "
                + failures.size() + ": " + String.join("; ", failures) + ")");
    }
}
