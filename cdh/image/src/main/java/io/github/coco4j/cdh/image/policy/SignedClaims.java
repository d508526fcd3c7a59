package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;

/** Whether a verified payload speaks for the image: its manifest digest, then its identity. */
final class SignedClaims {
    private SignedClaims() {
    }

    /** Throws, saying why, unless the payload names one of {@code digests} and satisfies {@code identity}. */
    static void check(SigningPayload payload, Collection<Digest> digests, ImageReference image,
                      Optional<SignedIdentity> identity) throws IOException {
        if (!digests.contains(payload.manifestDigest())) {
            throw new IOException("it signs " + payload.manifestDigest() + ", not " + digests.iterator().next());
        }
        if (identity.isPresent() && !identity.get().matches(image, payload.identity())) {
            throw new IOException("signature identity " + payload.identity() + " does not match " + image.whole()
                    + " (" + identity.get().type() + ")");
        }
    }
}
