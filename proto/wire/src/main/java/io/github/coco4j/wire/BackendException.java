package io.github.coco4j.wire;

/**
 * A call to a {@link GrpcBackend} failed; the message names the backend and the reason, and
 * {@code io.grpc.Status.fromThrowable} finds the call's status through the cause.
 */
public final class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
