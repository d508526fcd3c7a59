package io.github.coco4j.cdh.image.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.io.IOException;

/**
 * A policy's {@code signedIdentity}: which {@code docker-reference} a signature may name for the
 * image being pulled, with containers/image's semantics. References are compared normalised.
 */
public sealed interface SignedIdentity {
    /** Whether a signature claiming {@code signed} may stand for {@code image}. */
    boolean matches(ImageReference image, ClaimedReference signed);

    /** The rule's name, for refusals. */
    String type();

    /** The tag, or for a digest reference only the repository. */
    record MatchRepoDigestOrExact() implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            if (image.digest().isPresent()) {
                return image.name().equals(signed.name());
            }
            return image.whole().equals(signed.whole());
        }

        public String type() {
            return "matchRepoDigestOrExact";
        }
    }

    record MatchExact() implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            return image.whole().equals(signed.whole());
        }

        public String type() {
            return "matchExact";
        }
    }

    record MatchRepository() implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            return image.name().equals(signed.name());
        }

        public String type() {
            return "matchRepository";
        }
    }

    /** The signature must name this reference, whatever the image is pulled as. */
    record ExactReference(String reference) implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            return reference.equals(signed.whole());
        }

        public String type() {
            return "exactReference";
        }
    }

    /** The signature must name this repository, with any tag or digest. */
    record ExactRepository(String repository) implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            return repository.equals(signed.name());
        }

        public String type() {
            return "exactRepository";
        }
    }

    /**
     * An image under {@code prefix} (a whole name or a {@code /}-bounded prefix of it) is expected to be
     * signed under {@code signedPrefix}; then, and otherwise, matchRepoDigestOrExact.
     */
    record RemapIdentity(String prefix, String signedPrefix) implements SignedIdentity {
        public boolean matches(ImageReference image, ClaimedReference signed) {
            String name = image.name();
            if (!name.equals(prefix) && !name.startsWith(prefix + "/")) {
                return new MatchRepoDigestOrExact().matches(image, signed);
            }
            try {
                ImageReference remapped = ImageReference.parse(signedPrefix + image.whole().substring(prefix.length()));
                return new MatchRepoDigestOrExact().matches(remapped, signed);
            } catch (IllegalArgumentException e) {
                return false; // the remapped name is not a reference: nothing can be signed for it
            }
        }

        public String type() {
            return "remapIdentity";
        }
    }

    static SignedIdentity parse(JsonNode node, String where) throws IOException {
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "matchRepoDigestOrExact" -> new MatchRepoDigestOrExact();
                case "matchExact" -> new MatchExact();
                case "matchRepository" -> new MatchRepository();
                case "exactReference" -> exactReference(required(node, "dockerReference", where));
                case "exactRepository" -> new ExactRepository(ImageReference.parse(required(node, "dockerRepository", where)).name());
                case "remapIdentity" -> new RemapIdentity(required(node, "prefix", where), required(node, "signedPrefix", where));
                default -> throw new IOException(where + " has unknown signedIdentity type \"" + type + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " signedIdentity: " + e.getMessage(), e);
        }
    }

    private static ExactReference exactReference(String text) {
        if (!ClaimedReference.hasTagOrDigest(text)) {
            throw new IllegalArgumentException("exactReference " + text + " needs a tag or a digest");
        }
        return new ExactReference(ImageReference.parse(text).whole());
    }

    private static String required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IOException(where + " signedIdentity " + node.path("type").asText() + " needs \"" + field + "\"");
        }
        return value.asText();
    }
}
