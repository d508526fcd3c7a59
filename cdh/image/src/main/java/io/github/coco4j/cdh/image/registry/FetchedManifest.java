package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.cdh.image.reference.Digest;

/** A manifest or index as the registry sent it, with the digest of exactly those bytes. */
public record FetchedManifest(byte[] body, String contentType, Digest digest) {
}
