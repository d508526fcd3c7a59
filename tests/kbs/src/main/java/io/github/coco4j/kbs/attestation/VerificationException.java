package io.github.coco4j.kbs.attestation;

/** Evidence failed a check; the message says which one. */
final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    VerificationException(String message) {
        super(message);
    }

    VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
