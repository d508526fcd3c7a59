package io.github.coco4j.cdh.image.policy;

import java.util.List;
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
     * A requirement checked against signatures ({@code signedBy}, {@code sigstoreSigned}): its keys by
     * resource URI ({@code keyPath}, or several in {@code keyPaths}) or inline ({@code keyData}), and
     * the {@code signedIdentity} when the policy gives one.
     */
    record Signed(String type, List<String> keyPaths, Optional<String> keyData,
                  Optional<SignedIdentity> signedIdentity) implements Requirement {
    }
}
