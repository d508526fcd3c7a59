package io.github.coco4j.aa.client;

import io.grpc.Status;

/** A call to the attestation agent failed; the message says which call and why. */
public final class AttestationAgentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Status status;

    private AttestationAgentException(String message, Status status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static AttestationAgentException of(String call, Status status, Throwable cause) {
        String reason = status.getDescription() != null ? status.getDescription()
                : status.getCode() == Status.Code.UNAVAILABLE ? "the attestation agent is not reachable"
                : status.getCode().toString();
        return new AttestationAgentException(call + ": " + reason, status, cause);
    }

    public Status.Code code() {
        return status.getCode();
    }

    /** The agent's status as gRPC words it: the code, then the description if there is one. */
    public String statusText() {
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
