package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.manifest.Descriptor;
import io.github.coco4j.cdh.image.manifest.Manifests;
import io.github.coco4j.cdh.image.manifest.MediaTypes;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code sigstoreSigned} with a public key (cosign): the {@code sha256-<hex>.sig} attachment in the
 * image's repository, whose simple-signing layers carry their signature in an annotation. A layer
 * counts when a policy key verifies it and its payload names the manifest (or index) digest. As
 * upstream, the identity is checked only when the policy sets {@code signedIdentity}, and then only
 * by repository. Keyless (Fulcio/Rekor) policies are refused when the policy is read.
 */
public final class SigstoreSignedVerifier implements SignatureVerifier {
    static final String LAYER_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    private final Resources resources;

    public SigstoreSignedVerifier(Resources resources) {
        this.resources = resources;
    }

    @Override
    public String type() {
        return "sigstoreSigned";
    }

    @Override
    public void verify(Requirement.Signed requirement, ImageFacts image) throws ImageException {
        if (requirement.signedIdentity().isPresent() && !(requirement.signedIdentity().get() instanceof SignedIdentity.MatchRepository
                || requirement.signedIdentity().get() instanceof SignedIdentity.ExactRepository)) {
            throw new ImageException(Stage.POLICY, "signedIdentity " + requirement.signedIdentity().get().type()
                    + " is not supported here (matchRepository or exactRepository only)");
        }
        List<CosignKey> keys = keys(requirement);
        String tag = image.manifestDigest().algorithm() + "-" + image.manifestDigest().hex() + ".sig";
        List<Descriptor> layers;
        try {
            layers = Manifests.manifest(image.signatures().manifest(tag), MediaTypes.OCI_MANIFEST).layers();
        } catch (ImageException e) {
            throw new ImageException(Stage.POLICY, "no signature attachment " + tag + ": " + e.getMessage(), e);
        }
        List<Digest> digests = new ArrayList<>(List.of(image.manifestDigest()));
        image.indexDigest().ifPresent(digests::add);
        SignatureAttempts attempts = new SignatureAttempts();
        for (Descriptor layer : layers) {
            try {
                SignedClaims.check(verifiedPayload(layer, keys, image), digests, image.reference(), requirement.signedIdentity());
                return;
            } catch (IOException e) {
                attempts.failed("layer " + layer.digest(), e.getMessage());
            }
        }
        throw attempts.refusal(image.manifestDigest(), "attachment " + tag);
    }

    private SigningPayload verifiedPayload(Descriptor layer, List<CosignKey> keys, ImageFacts image) throws IOException {
        if (!LAYER_TYPE.equals(layer.mediaType())) {
            throw new IOException("media type " + layer.mediaType() + " is not a simple-signing payload");
        }
        String annotation = layer.annotations().get(SIGNATURE_ANNOTATION);
        if (annotation == null) {
            throw new IOException("no " + SIGNATURE_ANNOTATION + " annotation");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(annotation.replace("\n", "").replace("\r", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("the signature annotation is not base64", e);
        }
        byte[] payload = image.signatures().blob(layer.digest(), layer.size());
        if (keys.stream().noneMatch(k -> k.verifies(payload, signature))) {
            throw new IOException("the signature does not verify with the policy's key");
        }
        return SigningPayload.parse(payload, SigningPayload.COSIGN);
    }

    private List<CosignKey> keys(Requirement.Signed requirement) throws ImageException {
        // keyData is the PEM text itself, not base64, as upstream reads it.
        List<byte[]> pems = KeyMaterial.load(requirement, resources, s -> s.getBytes(StandardCharsets.UTF_8));
        List<CosignKey> out = new ArrayList<>();
        for (byte[] pem : pems) {
            try {
                out.add(CosignKey.parse(pem));
            } catch (IOException e) {
                throw new ImageException(Stage.POLICY, "cosign key: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
