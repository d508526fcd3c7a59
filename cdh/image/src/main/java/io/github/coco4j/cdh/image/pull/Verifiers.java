package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.policy.SignatureVerifier;
import java.util.List;
import java.util.Optional;

/** The signature verifiers a puller's policy uses. */
public final class Verifiers {
    private Verifiers() {
    }

    /** @param sigstoreConfig the registries.d document for simple signing lookaside, when configured */
    public static List<SignatureVerifier> standard(Optional<byte[]> sigstoreConfig) {
        return List.of();
    }
}
