package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;

/** Checks one kind of signature requirement ({@code signedBy}, {@code sigstoreSigned}) for an image. */
public interface SignatureVerifier {
    /** The requirement type this verifier checks. */
    String type();

    /** Returns when the image satisfies the requirement; otherwise throws, saying why. */
    void verify(Requirement.Signed requirement, ImageFacts image) throws ImageException;
}
