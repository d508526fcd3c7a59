package io.github.coco4j.aa.service;

/** A request to the attestation agent failed; the message is safe to return to the caller. */
public final class ServiceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean callerError;

    private ServiceException(String message, Throwable cause, boolean callerError) {
        super(message, cause);
        this.callerError = callerError;
    }

    /** The request itself is wrong (unknown token type, malformed event). */
    public static ServiceException badRequest(String message) {
        return new ServiceException(message, null, true);
    }

    public static ServiceException failed(String message, Throwable cause) {
        return new ServiceException(message, cause, false);
    }

    public boolean callerError() {
        return callerError;
    }
}
