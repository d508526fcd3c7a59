package io.github.coco4j.aa.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A call to the attestation agent failed; the message says which call and why. */
public final class AttestationAgentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Status.Code code;

    private AttestationAgentException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    static AttestationAgentException of(String call, StatusRuntimeException e) {
        Status status = e.getStatus();
        String reason = status.getDescription() != null ? status.getDescription()
                : status.getCode() == Status.Code.UNAVAILABLE ? "the attestation agent is not reachable"
                : status.getCode().toString();
        return new AttestationAgentException(call + ": " + reason, status.getCode(), e);
    }

    public Status.Code code() {
        return code;
    }
}
