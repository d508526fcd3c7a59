package io.github.coco4j.aa.kbs;

/** A KBS exchange failed: transport, an error answer from the KBS, or a malformed message. */
public class KbsProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public KbsProtocolException(String message) {
        this(message, 0, null);
    }

    public KbsProtocolException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public KbsProtocolException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the KBS answer, or 0 when there was none. */
    public int status() {
        return status;
    }
}
