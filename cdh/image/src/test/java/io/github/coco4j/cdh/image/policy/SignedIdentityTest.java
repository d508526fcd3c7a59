package io.github.coco4j.cdh.image.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SignedIdentityTest {
    private static SignedIdentity rule(String json) throws IOException {
        return SignedIdentity.parse(new ObjectMapper().readTree(json), "test");
    }

    private static boolean matches(SignedIdentity rule, String image, String claimed) {
        return rule.matches(ImageReference.parse(image), ClaimedReference.parse(claimed));
    }

    @Test
    void referencesAreComparedNormalised() throws IOException {
        assertTrue(matches(rule("{\"type\":\"matchExact\"}"), "busybox:1", "docker.io/library/busybox:1"));
        // A claim without a tag names a repository, never the image's implied :latest.
        assertFalse(matches(rule("{\"type\":\"matchExact\"}"), "busybox", "busybox"));
        assertTrue(matches(rule("{\"type\":\"matchRepository\"}"), "busybox", "busybox"));
    }

    @Test
    void exactReferenceAndRepositoryIgnoreThePulledName() throws IOException {
        SignedIdentity reference = rule("{\"type\":\"exactReference\",\"dockerReference\":\"example.org/app:signed\"}");
        assertTrue(matches(reference, "mirror.example/other:x", "example.org/app:signed"));
        assertFalse(matches(reference, "mirror.example/other:x", "example.org/app:other"));
        SignedIdentity repository = rule("{\"type\":\"exactRepository\",\"dockerRepository\":\"example.org/app\"}");
        assertTrue(matches(repository, "mirror.example/other:x", "example.org/app:any"));
        assertThrows(IOException.class, () -> rule("{\"type\":\"exactReference\",\"dockerReference\":\"example.org:5000/app\"}"));
    }

    @Test
    void remapIdentityRewritesAPrefixOnAPathBoundary() throws IOException {
        SignedIdentity remap = rule("{\"type\":\"remapIdentity\",\"prefix\":\"mirror.example/team\",\"signedPrefix\":\"example.org/team\"}");
        assertTrue(matches(remap, "mirror.example/team/app:v1", "example.org/team/app:v1"));
        assertFalse(matches(remap, "mirror.example/teamwork/app:v1", "example.org/teamwork/app:v1"));
        assertTrue(matches(remap, "mirror.example/teamwork/app:v1", "mirror.example/teamwork/app:v1"));
    }

    @Test
    void unknownOrIncompleteRulesAreInvalid() {
        assertThrows(IOException.class, () -> rule("{\"type\":\"matchAnything\"}"));
        assertThrows(IOException.class, () -> rule("{\"type\":\"remapIdentity\",\"prefix\":\"a.example\"}"));
    }
}
