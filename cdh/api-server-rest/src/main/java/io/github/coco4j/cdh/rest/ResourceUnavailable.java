package io.github.coco4j.cdh.rest;

/** The hub in the same JVM could not provide a resource; the message says why, for the caller. */
final class ResourceUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    ResourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
