package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.reference.ImageReference;

/**
 * The {@code docker-reference} a signature claims, normalised: its repository name and its whole
 * reference. A claim without tag or digest names only a repository — unlike a pulled reference it
 * does not mean {@code :latest}, so it never matches a reference exactly.
 */
public record ClaimedReference(String name, String whole) {
    public static ClaimedReference parse(String text) {
        ImageReference parsed = ImageReference.parse(text);
        return new ClaimedReference(parsed.name(), hasTagOrDigest(text) ? parsed.whole() : parsed.name());
    }

    static boolean hasTagOrDigest(String text) {
        return text.contains("@") || text.substring(text.lastIndexOf('/') + 1).contains(":");
    }

    @Override
    public String toString() {
        return whole;
    }
}
