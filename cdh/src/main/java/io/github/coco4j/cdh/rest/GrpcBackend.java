package io.github.coco4j.cdh.rest;

import io.github.coco4j.aa.grpc.GrpcUnixSockets;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One gRPC service on a unix socket, called asynchronously so that no HTTP thread waits for it.
 * Every call has a deadline, and failures become {@link BackendException}s whose text names the
 * service and the reason.
 */
final class GrpcBackend implements AutoCloseable {
    private final String name;
    private final String address;
    private final Duration deadline;
    private final GrpcUnixSockets.Channel channel;

    /**
     * @param name what callers read in errors ("the confidential data hub")
     * @param address {@code unix:///path}; nothing connects before the first call, so the backend
     *                may start later than this server
     */
    GrpcBackend(String name, String address, Duration deadline) {
        this.name = name;
        this.address = address;
        this.deadline = deadline;
        this.channel = GrpcUnixSockets.connect(GrpcUnixSockets.path(address));
    }

    /** A stub for one call, with its own deadline counted from now. */
    <S extends AbstractStub<S>> S stub(Function<ManagedChannel, S> factory) {
        return factory.apply(channel.grpc()).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a unary call and completes with its answer, or with a {@link BackendException} whose
     * text starts with {@code failure} ("Failed to get resource").
     */
    <T> CompletableFuture<T> call(String failure, Consumer<StreamObserver<T>> start) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        StreamObserver<T> observer = new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(new BackendException(failure + ": " + reason(error), error));
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new BackendException(failure + ": " + name + " sent no answer", null));
            }
        };
        start.accept(observer);
        return answer;
    }

    private String reason(Throwable error) {
        Status status = Status.fromThrowable(error);
        switch (status.getCode()) {
            case UNAVAILABLE:
                // After a failed connect gRPC waits (up to two minutes) before trying again; the
                // backend may just have started, so the next request should try at once.
                channel.grpc().resetConnectBackoff();
                return name + " is not reachable at " + address + detail(status);
            case DEADLINE_EXCEEDED:
                return name + " did not answer within " + deadline.toSeconds() + " s";
            default:
                return status.getDescription() != null ? status.getDescription()
                        : status.getCode() + detail(status);
        }
    }

    /** The transport's reason ("connect(..) failed: No such file or directory"), if any. */
    private static String detail(Status status) {
        Throwable cause = status.getCause();
        String text = cause != null && cause.getMessage() != null ? cause.getMessage() : status.getDescription();
        return text == null ? "" : " (" + text + ")";
    }

    @Override
    public void close() {
        channel.close();
    }
}
