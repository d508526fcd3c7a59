package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code signedBy} (GPG simple signing): a signature from the lookaside, made by a trusted primary
 * key, whose payload names the per-platform manifest digest and an identity the policy's
 * {@code signedIdentity} (default matchRepoDigestOrExact) accepts.
 */
public final class SignedByVerifier implements SignatureVerifier {
    private static final SignedIdentity DEFAULT_IDENTITY = new SignedIdentity.MatchRepoDigestOrExact();

    private final Resources resources;
    private final Optional<Lookaside> lookaside;

    public SignedByVerifier(Resources resources, Optional<Lookaside> lookaside) {
        this.resources = resources;
        this.lookaside = lookaside;
    }

    @Override
    public String type() {
        return "signedBy";
    }

    @Override
    public void verify(Requirement.Signed requirement, ImageFacts image) throws ImageException {
        Lookaside store = lookaside.orElseThrow(() -> new ImageException(Stage.POLICY,
                "no sigstore configuration (sigstore_config_uri or sigstore_config) says where signatures are"));
        GpgKeys keys = keys(requirement);
        Map<String, byte[]> signatures;
        try {
            signatures = store.signatures(image.reference(), image.manifestDigest());
        } catch (IOException e) {
            throw new ImageException(Stage.POLICY, "cannot read signatures: " + e.getMessage(), e);
        }
        Optional<SignedIdentity> identity = Optional.of(requirement.signedIdentity().orElse(DEFAULT_IDENTITY));
        SignatureAttempts attempts = new SignatureAttempts();
        for (Map.Entry<String, byte[]> signature : signatures.entrySet()) {
            try {
                SigningPayload payload = SigningPayload.parse(GpgSignature.verify(signature.getValue(), keys), SigningPayload.ATOMIC);
                SignedClaims.check(payload, List.of(image.manifestDigest()), image.reference(), identity);
                return;
            } catch (IOException e) {
                attempts.failed(signature.getKey(), e.getMessage());
            }
        }
        throw attempts.refusal(image.manifestDigest(), "the lookaside " + store.storeFor(image.reference()).orElseThrow());
    }

    private GpgKeys keys(Requirement.Signed requirement) throws ImageException {
        // keyData is the base64 of a keyring, as upstream reads it.
        List<byte[]> keyrings = KeyMaterial.load(requirement, resources, Base64.getMimeDecoder()::decode);
        try {
            return GpgKeys.parse(keyrings);
        } catch (IOException e) {
            throw new ImageException(Stage.POLICY, "GPG keys: " + e.getMessage(), e);
        }
    }
}
