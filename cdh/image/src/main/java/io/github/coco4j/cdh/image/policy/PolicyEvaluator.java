package io.github.coco4j.cdh.image.policy;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides whether an image may be pulled: every requirement of the scope that applies must pass (an
 * empty list accepts). A signature requirement without a verifier is refused — fail closed — with
 * "not supported yet".
 */
public final class PolicyEvaluator {
    private final SignaturePolicy policy;
    private final Map<String, SignatureVerifier> verifiers;

    public PolicyEvaluator(SignaturePolicy policy, List<SignatureVerifier> verifiers) {
        this.policy = policy;
        this.verifiers = verifiers.stream().collect(Collectors.toUnmodifiableMap(SignatureVerifier::type, Function.identity()));
    }

    public void check(ImageFacts image) throws ImageException {
        Map.Entry<String, List<Requirement>> scope = policy.requirementsFor(image.reference());
        String where = "image " + image.reference() + " (policy scope \"" + scope.getKey() + "\")";
        for (Requirement r : scope.getValue()) {
            if (r instanceof Requirement.Reject) {
                throw new ImageException(Stage.POLICY, where + " refused by policy requirement reject");
            }
            if (r instanceof Requirement.Signed signed) {
                SignatureVerifier verifier = verifiers.get(signed.type());
                if (verifier == null) {
                    throw new ImageException(Stage.POLICY, where + " refused: requirement " + signed.type() + " is not supported yet");
                }
                try {
                    verifier.verify(signed, image);
                } catch (ImageException e) {
                    throw new ImageException(Stage.POLICY, where + " refused by requirement " + signed.type() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
