package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.util.Optional;

/**
 * What a signature check knows of an image: the reference as asked for, the digest of its
 * per-platform manifest, the index digest when it came through one, and how to reach its
 * repository for signature attachments.
 */
public record ImageFacts(ImageReference reference, Digest manifestDigest, Optional<Digest> indexDigest,
                         SignatureSource signatures) {
    /** Fetches a manifest and blobs of signature attachments from the image's own repository. */
    public interface SignatureSource {
        byte[] manifest(String tag) throws ImageException;

        byte[] blob(Digest digest, long size) throws ImageException;
    }
}
