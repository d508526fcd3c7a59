package io.github.coco4j.agent.service;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.policy.gate.Decision;
import io.grpc.Status;

/** gRPC statuses for policy decisions (Kata's texts and codes) and the backend's failures. */
final class Statuses {
    private Statuses() {
    }

    static Status of(Decision decision) {
        Status status = switch (decision.outcome()) {
            case ALLOW -> Status.OK;
            case DENY -> Status.PERMISSION_DENIED;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case ERROR -> Status.INTERNAL;
        };
        return status.withDescription(decision.message());
    }

    /** The backend's failures; others are left to {@link io.github.coco4j.wire.ServiceErrors}. */
    static Status of(Throwable failure) {
        if (!(failure instanceof AgentException e)) {
            return null;
        }
        Status status = switch (e.kind()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case INTERNAL -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage());
    }
}
