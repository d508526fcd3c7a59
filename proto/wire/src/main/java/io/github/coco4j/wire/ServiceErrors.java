package io.github.coco4j.wire;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a service answers a failure: with the status its cause deserves and a one-line description,
 * never a stack trace. A component names its own exceptions' statuses through a {@link Known};
 * anything else is INTERNAL rather than gRPC's UNKNOWN, which would carry the exception's text as
 * it is.
 */
public final class ServiceErrors {
    private static final Logger LOG = Logger.getLogger(ServiceErrors.class.getName());
    /** Long enough for any message of ours; bounds what a library's message can put on the wire. */
    static final int MAX_DESCRIPTION = 512;

    private ServiceErrors() {
    }

    /** A component's own failures as statuses: null for a failure it does not know. */
    @FunctionalInterface
    public interface Known {
        Status statusOf(Throwable failure);
    }

    /** The body of a unary call; what it throws becomes the call's status. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} and answers {@code observer} with its value or with the status of its failure. */
    public static <T> void answer(StreamObserver<T> observer, Known known, Body<T> body) {
        T value;
        try {
            value = body.run();
        } catch (Throwable failure) {
            observer.onError(statusOf(failure, known).asRuntimeException());
            return;
        }
        observer.onNext(value);
        observer.onCompleted();
    }

    /**
     * The status for {@code failure}: the component's own mapping first, then an interruption as
     * CANCELLED (the thread's flag is set again), a status as it is, and anything else as INTERNAL.
     */
    private static Status statusOf(Throwable failure, Known known) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Status status = known.statusOf(failure);
        if (status != null) {
            return bounded(status);
        }
        if (failure instanceof InterruptedException) {
            return Status.CANCELLED.withDescription("interrupted");
        }
        if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
            return bounded(Status.fromThrowable(failure));
        }
        String description = oneLine(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        LOG.warning(() -> "unexpected failure: " + description);
        LOG.log(Level.FINE, "unexpected failure", failure);
        return Status.INTERNAL.withDescription(description);
    }

    private static Status bounded(Status status) {
        return status.getDescription() == null ? status : status.withDescription(oneLine(status.getDescription()));
    }

    /** The first line of {@code text}, cut to {@link #MAX_DESCRIPTION} characters. */
    static String oneLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 3) + "...";
    }
}
