package io.github.coco4j.cdh.rest;

/** A backend (data hub or attestation agent) call failed; the message is the text a caller gets. */
public final class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
