package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.policy.Lookaside;
import io.github.coco4j.cdh.image.policy.SignatureVerifier;
import io.github.coco4j.cdh.image.policy.SignedByVerifier;
import io.github.coco4j.cdh.image.policy.SigstoreSignedVerifier;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The signature verifiers a puller's policy uses. */
public final class Verifiers {
    private Verifiers() {
    }

    /**
     * @param resources where the policies' {@code keyPath}s are fetched from
     * @param sigstoreConfig the registries.d document for simple signing lookaside, when configured
     */
    public static List<SignatureVerifier> standard(Resources resources, Optional<byte[]> sigstoreConfig) throws IOException {
        Optional<Lookaside> lookaside = sigstoreConfig.isPresent() ? Optional.of(Lookaside.parse(sigstoreConfig.get())) : Optional.empty();
        return List.of(new SignedByVerifier(resources, lookaside), new SigstoreSignedVerifier(resources));
    }
}
