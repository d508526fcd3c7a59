package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.manifest.ImageConfigBlob;
import io.github.coco4j.cdh.image.manifest.Manifests.ImageManifest;
import io.github.coco4j.cdh.image.reference.Digest;
import java.util.Optional;

/** An image after its manifest and config were fetched and verified, before any layer. */
record ResolvedImage(ImageManifest manifest, Digest manifestDigest, Optional<Digest> indexDigest, ImageConfigBlob config) {
}
