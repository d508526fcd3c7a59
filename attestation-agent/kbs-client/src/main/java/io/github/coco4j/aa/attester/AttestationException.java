package io.github.coco4j.aa.attester;

/** The platform could not produce evidence or answer a measurement question. */
public class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
