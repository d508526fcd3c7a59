package io.github.coco4j.cdh.sealed;

/** A sealed secret that cannot be opened; the message says why, never what it holds. */
public class SealedSecretException extends Exception {
    private static final long serialVersionUID = 1L;

    public SealedSecretException(String message) {
        super(message);
    }

    public SealedSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
