package io.github.coco4j.kbs.resource;

import com.fasterxml.jackson.databind.JsonNode;

/** Decides whether the holder of a token may have a resource. */
public interface ResourcePolicy {
    /**
     * @param claims the token's claims (the policy's input)
     * @param request {@code {"plugin", "resource-path": [repository, type, tag], "query"}} (the policy's data)
     */
    boolean allows(JsonNode claims, JsonNode request) throws PolicyException;

    /** The policy could not be evaluated; callers deny. */
    final class PolicyException extends Exception {
        private static final long serialVersionUID = 1L;

        public PolicyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
