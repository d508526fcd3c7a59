package io.github.coco4j.cdh.image.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedByVerifierTest {
    private static final Digest DIGEST = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));
    private static final Digest OTHER = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    private static final String IMAGE = "registry.example.org/team/app:v1";
    private static TestSigners.Gpg trusted;
    private static TestSigners.Gpg stranger;

    @TempDir
    Path store;

    @BeforeAll
    static void keys() throws Exception {
        trusted = TestSigners.Gpg.generate();
        stranger = TestSigners.Gpg.generate();
    }

    private Path signatureDir() throws IOException {
        return Files.createDirectories(store.resolve("team/app@sha256=" + DIGEST.hex()));
    }

    private void write(String name, byte[] signature) throws IOException {
        Files.write(signatureDir().resolve(name), signature);
    }

    private void sign(String name, TestSigners.Gpg key, Digest digest, String reference) throws Exception {
        write(name, key.sign(TestSigners.payload(SigningPayload.ATOMIC, digest.toString(), reference)));
    }

    private SignedByVerifier verifier() throws IOException {
        String yaml = "docker:\n  registry.example.org/team:\n    sigstore: " + store.toUri() + "\n";
        Resources resources = new Resources(uri -> {
            throw new IOException("no KBS here");
        });
        return new SignedByVerifier(resources, Optional.of(Lookaside.parse(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    private static Requirement.Signed requirement(Optional<SignedIdentity> identity) {
        return new Requirement.Signed("signedBy", List.of(), Optional.of(Base64.getEncoder().encodeToString(trusted.publicKeyring())),
                identity);
    }

    private void verify(String image, Optional<SignedIdentity> identity) throws Exception {
        verifier().verify(requirement(identity), new ImageFacts(ImageReference.parse(image), DIGEST, Optional.empty(), null));
    }

    private String refusal(String image, Optional<SignedIdentity> identity) {
        return assertThrows(ImageException.class, () -> verify(image, identity)).getMessage();
    }

    @Test
    void aGoodSignatureIsAccepted() throws Exception {
        sign("signature-1", trusted, DIGEST, IMAGE);
        assertDoesNotThrow(() -> verify(IMAGE, Optional.empty()));
    }

    @Test
    void oneGoodSignatureAmongBadOnesSuffices() throws Exception {
        write("signature-1", "not OpenPGP".getBytes(StandardCharsets.UTF_8));
        sign("signature-2", stranger, DIGEST, IMAGE);
        sign("signature-3", trusted, DIGEST, IMAGE);
        assertDoesNotThrow(() -> verify(IMAGE, Optional.empty()));
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        byte[] signature = trusted.sign(TestSigners.payload(SigningPayload.ATOMIC, DIGEST.toString(), IMAGE));
        int at = new String(signature, StandardCharsets.ISO_8859_1).indexOf("team/app");
        signature[at] ^= 1;
        write("signature-1", signature);
        String message = refusal(IMAGE, Optional.empty());
        assertTrue(message.contains("no valid signature for " + DIGEST + " in the lookaside"), message);
        assertTrue(message.contains("tried 1: signature-1: the OpenPGP signature does not verify"), message);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        sign("signature-1", stranger, DIGEST, IMAGE);
        assertTrue(refusal(IMAGE, Optional.empty()).contains("which is not trusted"));
    }

    @Test
    void aSignatureForAnotherDigestIsRefused() throws Exception {
        sign("signature-1", trusted, OTHER, IMAGE);
        assertTrue(refusal(IMAGE, Optional.empty()).contains("it signs " + OTHER + ", not " + DIGEST));
    }

    @Test
    void aPayloadOfAnotherTypeIsRefused() throws Exception {
        write("signature-1", trusted.sign(TestSigners.payload(SigningPayload.COSIGN, DIGEST.toString(), IMAGE)));
        assertTrue(refusal(IMAGE, Optional.empty()).contains("payload type is"));
    }

    @Test
    void theIdentityDefaultsToMatchRepoDigestOrExact() throws Exception {
        sign("signature-1", trusted, DIGEST, IMAGE);
        String message = refusal("registry.example.org/team/app:v2", Optional.empty());
        assertTrue(message.contains("signature identity " + IMAGE + " does not match registry.example.org/team/app:v2 "
                + "(matchRepoDigestOrExact)"), message);
        assertDoesNotThrow(() -> verify("registry.example.org/team/app@" + DIGEST, Optional.empty()));
        assertDoesNotThrow(() -> verify("registry.example.org/team/app:v2", Optional.of(new SignedIdentity.MatchRepository())));
        assertThrows(ImageException.class, () -> verify("registry.example.org/team/app@" + DIGEST,
                Optional.of(new SignedIdentity.MatchExact())));
    }

    @Test
    void noSignatureIsRefusedSayingWhereItLooked() {
        assertEquals("no signature for " + DIGEST + " in the lookaside " + store.toUri(), refusal(IMAGE, Optional.empty()));
    }

    @Test
    void withoutASigstoreConfigurationItRefuses() {
        SignedByVerifier unconfigured = new SignedByVerifier(new Resources(uri -> new byte[0]), Optional.empty());
        ImageException e = assertThrows(ImageException.class, () -> unconfigured.verify(requirement(Optional.empty()),
                new ImageFacts(ImageReference.parse(IMAGE), DIGEST, Optional.empty(), null)));
        assertTrue(e.getMessage().contains("no sigstore configuration"), e.getMessage());
    }
}
