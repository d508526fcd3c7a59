package io.github.coco4j.cdh.image.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturePolicyTest {
    private static SignaturePolicy parse(String requirement) throws IOException {
        return SignaturePolicy.parse(("{\"default\":[" + requirement + "],\"transports\":{}}").getBytes(StandardCharsets.UTF_8));
    }

    private static String invalid(String requirement) {
        return assertThrows(IOException.class, () -> parse(requirement)).getMessage();
    }

    @Test
    void keyPathsListsSeveralKeys() throws IOException {
        Requirement.Signed signed = (Requirement.Signed) parse(
                "{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPaths\":[\"kbs:///a/b/c\",\"/etc/key.gpg\"]}").defaults().get(0);
        assertEquals(List.of("kbs:///a/b/c", "/etc/key.gpg"), signed.keyPaths());
    }

    @Test
    void keylessSigstoreIsRefusedClearly() {
        assertTrue(invalid("{\"type\":\"sigstoreSigned\",\"fulcio\":{\"oidcIssuer\":\"https://x\"},\"rekorPublicKeyPath\":\"/k\"}")
                .contains("keyless verification (fulcio, pki) is not supported"));
    }

    @Test
    void signedByNeedsGpgKeysAndOneKeySource() {
        assertTrue(invalid("{\"type\":\"signedBy\",\"keyPath\":\"/k\"}").contains("keyType \"GPGKeys\""));
        assertTrue(invalid("{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"/k\",\"keyData\":\"AA==\"}")
                .contains("exactly one of keyPath, keyPaths and keyData"));
        assertTrue(invalid("{\"type\":\"sigstoreSigned\",\"keyPath\":\"/k\",\"signedIdentity\":{\"type\":\"nope\"}}")
                .contains("unknown signedIdentity type"));
    }
}
