package io.github.coco4j.cdh.kbc;

/** A resource that could not be fetched; {@link #notFound} when the KBS has no such resource. */
public class KbcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public KbcException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public KbcException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public KbcException(String message, Throwable cause, boolean notFound) {
        super(message, cause);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
