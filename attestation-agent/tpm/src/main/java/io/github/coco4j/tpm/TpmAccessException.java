package io.github.coco4j.tpm;

/** The TPM cannot be reached or refused a command; the message says which and why. */
public class TpmAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TpmAccessException(String message) {
        super(message);
    }

    public TpmAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
