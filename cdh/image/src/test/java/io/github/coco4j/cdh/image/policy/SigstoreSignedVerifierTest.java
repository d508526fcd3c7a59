package io.github.coco4j.cdh.image.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.cdh.image.resource.Resources;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SigstoreSignedVerifierTest {
    private static final Digest DIGEST = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));
    private static final Digest INDEX = Digest.sha256("index".getBytes(StandardCharsets.UTF_8));
    private static final String TAG = "sha256-" + DIGEST.hex() + ".sig";
    private static final String IMAGE = "registry.example.org/team/app:v1";
    private static TestSigners.Cosign trusted;
    private static TestSigners.Cosign stranger;

    private final Map<String, byte[]> manifests = new HashMap<>();
    private final Map<Digest, byte[]> blobs = new HashMap<>();

    @BeforeAll
    static void keys() throws Exception {
        trusted = TestSigners.Cosign.generate();
        stranger = TestSigners.Cosign.generate();
    }

    /** Stores a payload blob and returns its layer descriptor, signed by {@code key}. */
    private String layer(TestSigners.Cosign key, Digest signed) throws Exception {
        byte[] payload = TestSigners.payload(SigningPayload.COSIGN, signed.toString(), IMAGE).getBytes(StandardCharsets.UTF_8);
        return layer(payload, key.sign(payload));
    }

    private String layer(byte[] payload, String signature) {
        Digest digest = Digest.sha256(payload);
        blobs.put(digest, payload);
        return "{\"mediaType\":\"" + SigstoreSignedVerifier.LAYER_TYPE + "\",\"digest\":\"" + digest + "\",\"size\":" + payload.length
                + ",\"annotations\":{\"" + SigstoreSignedVerifier.SIGNATURE_ANNOTATION + "\":\"" + signature + "\"}}";
    }

    private void attach(String... layers) {
        String config = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + INDEX + "\",\"size\":2}";
        manifests.put(TAG, ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + config
                + ",\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    private void verify(String image, Optional<Digest> index, Optional<SignedIdentity> identity) throws ImageException {
        Requirement.Signed requirement = new Requirement.Signed("sigstoreSigned", List.of(), Optional.of(trusted.publicPem()), identity);
        ImageFacts.SignatureSource source = new ImageFacts.SignatureSource() {
            public byte[] manifest(String tag) throws ImageException {
                return Optional.ofNullable(manifests.get(tag)).orElseThrow(() -> new ImageException(Stage.TRANSPORT, "HTTP 404"));
            }

            public byte[] blob(Digest digest, long size) {
                return blobs.get(digest);
            }
        };
        new SigstoreSignedVerifier(new Resources(uri -> new byte[0]))
                .verify(requirement, new ImageFacts(ImageReference.parse(image), DIGEST, index, source));
    }

    private String refusal(Optional<SignedIdentity> identity) {
        return assertThrows(ImageException.class, () -> verify(IMAGE, Optional.empty(), identity)).getMessage();
    }

    @Test
    void aGoodSignatureIsAccepted() throws Exception {
        attach(layer(trusted, DIGEST));
        assertDoesNotThrow(() -> verify(IMAGE, Optional.empty(), Optional.empty()));
    }

    @Test
    void withoutSignedIdentityTheTagIsNotCheckedAsUpstream() throws Exception {
        attach(layer(trusted, DIGEST));
        assertDoesNotThrow(() -> verify("registry.example.org/team/app:v2", Optional.empty(), Optional.empty()));
    }

    @Test
    void theIndexDigestIsAlsoAccepted() throws Exception {
        attach(layer(trusted, INDEX));
        assertDoesNotThrow(() -> verify(IMAGE, Optional.of(INDEX), Optional.empty()));
        assertThrows(ImageException.class, () -> verify(IMAGE, Optional.empty(), Optional.empty()));
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        byte[] payload = TestSigners.payload(SigningPayload.COSIGN, DIGEST.toString(), IMAGE).getBytes(StandardCharsets.UTF_8);
        byte[] other = TestSigners.payload(SigningPayload.COSIGN, DIGEST.toString(), "x.example/y:z").getBytes(StandardCharsets.UTF_8);
        attach(layer(payload, trusted.sign(other)), layer(payload, "bm90IGEgc2lnbmF0dXJl"));
        String message = refusal(Optional.empty());
        assertTrue(message.startsWith("no valid signature for " + DIGEST + " in attachment " + TAG + " (tried 2: "), message);
        assertTrue(message.contains("the signature does not verify with the policy's key"), message);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        attach(layer(stranger, DIGEST));
        assertTrue(refusal(Optional.empty()).contains("does not verify with the policy's key"));
    }

    @Test
    void aPayloadForAnotherDigestIsRefused() throws Exception {
        attach(layer(trusted, INDEX));
        assertTrue(refusal(Optional.empty()).contains("it signs " + INDEX + ", not " + DIGEST));
    }

    @Test
    void signedIdentityIsCheckedByRepositoryOnly() throws Exception {
        attach(layer(trusted, DIGEST));
        assertDoesNotThrow(() -> verify(IMAGE, Optional.empty(), Optional.of(new SignedIdentity.MatchRepository())));
        assertTrue(refusal(Optional.of(new SignedIdentity.ExactRepository("registry.example.org/team/other")))
                .contains("does not match"));
        assertTrue(refusal(Optional.of(new SignedIdentity.MatchExact())).contains("signedIdentity matchExact is not supported"));
    }

    @Test
    void aMissingAttachmentIsRefused() {
        assertTrue(refusal(Optional.empty()).startsWith("no signature attachment " + TAG + ": HTTP 404"));
    }
}
