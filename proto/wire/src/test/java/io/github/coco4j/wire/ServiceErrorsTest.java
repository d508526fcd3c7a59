package io.github.coco4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceErrorsTest {
    private static final ServiceErrors.Known ILLEGAL_STATE = failure -> failure instanceof IllegalStateException
            ? Status.FAILED_PRECONDITION.withDescription(failure.getMessage()) : null;

    @Test
    void answersTheValue() {
        Recorder<String> recorder = new Recorder<>();
        ServiceErrors.answer(recorder, failure -> null, () -> "yes");
        assertEquals(List.of("yes", "completed"), recorder.events);
    }

    @Test
    void theComponentsMappingComesFirst() {
        assertEquals(Status.Code.FAILED_PRECONDITION, status(new IllegalStateException("not yet")).getCode());
    }

    @Test
    void unexpectedFailuresAreInternalWithOneBoundedLine() {
        Status status = status(new NullPointerException("x".repeat(2000) + "\nsecond line"));
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertTrue(status.getDescription().startsWith("NullPointerException: xxx"));
        assertEquals(ServiceErrors.MAX_DESCRIPTION, status.getDescription().length());
        assertEquals("StackOverflowError: null", status(new StackOverflowError()).getDescription());
    }

    @Test
    void interruptionIsCancelledAndKeepsTheFlag() {
        assertEquals(Status.CANCELLED.withDescription("interrupted").toString(),
                status(new InterruptedException()).toString());
        assertTrue(Thread.interrupted());
    }

    @Test
    void aStatusPassesAsItIs() {
        assertEquals(Status.Code.NOT_FOUND, status(Status.NOT_FOUND.withDescription("gone").asRuntimeException()).getCode());
    }

    private static Status status(Throwable failure) {
        Recorder<String> recorder = new Recorder<>();
        ServiceErrors.answer(recorder, ILLEGAL_STATE, () -> {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        });
        return recorder.error;
    }

    private static final class Recorder<T> implements StreamObserver<T> {
        final List<Object> events = new ArrayList<>();
        Status error;

        @Override
        public void onNext(T value) {
            events.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }
    }
}
