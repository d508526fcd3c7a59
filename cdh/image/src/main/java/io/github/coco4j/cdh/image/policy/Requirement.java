package io.github.coco4j.cdh.image.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** One requirement of a containers-policy.json scope. */
public sealed interface Requirement {
    String type();

    record InsecureAcceptAnything() implements Requirement {
        public String type() {
            return "insecureAcceptAnything";
        }
    }

    record Reject() implements Requirement {
        public String type() {
            return "reject";
        }
    }

    /**
     * A requirement checked against signatures ({@code signedBy}, {@code sigstoreSigned}): its
     * key by resource URI ({@code keyPath}) or inline ({@code keyData}), and the optional
     * {@code signedIdentity}, kept as JSON for the verifier of that type.
     */
    record Signed(String type, Optional<String> keyType, Optional<String> keyPath, Optional<String> keyData,
                  Optional<JsonNode> signedIdentity) implements Requirement {
    }
}
