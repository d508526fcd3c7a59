package io.github.coco4j.wire;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.StreamObserver;
import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One gRPC service on a socket, called asynchronously so that no caller's thread waits for it.
 * Every call has a deadline, and failures become {@link BackendException}s whose text names the
 * service and the reason.
 */
public final class GrpcBackend implements AutoCloseable {
    private final String name;
    private final String address;
    private final Duration deadline;
    private final AtomicReference<Connection> channel;

    /**
     * @param name what callers read in errors ("the confidential data hub")
     * @param address an {@link Endpoint} address; nothing connects before the first call, so the backend
     *                may start later than its callers
     */
    public GrpcBackend(String name, String address, Duration deadline) {
        this.name = name;
        this.address = address;
        this.deadline = deadline;
        this.channel = new AtomicReference<>(open());
    }

    private Connection open() {
        return Transports.connect(address);
    }

    /** Starts a unary call and completes with its answer, or with a {@link BackendException}. */
    public <S extends AbstractStub<S>, T> CompletableFuture<T> call(Function<ManagedChannel, S> stubs,
                                                                   BiConsumer<S, StreamObserver<T>> rpc) {
        Connection used = channel.get();
        S stub = stubs.apply(used.channel()).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<T> answer = new CompletableFuture<>();
        rpc.accept(stub, new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(new BackendException(reason(used, error), error));
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new BackendException(name + " sent no answer", null));
            }
        });
        return answer;
    }

    private String reason(Connection used, Throwable error) {
        Status status = Status.fromThrowable(error);
        switch (status.getCode()) {
            case UNAVAILABLE:
                renew(used);
                return name + " is not reachable at " + address + detail(status);
            case DEADLINE_EXCEEDED:
                return name + " did not answer within " + deadline.toSeconds() + " s";
            default:
                return status.getDescription() != null ? status.getDescription()
                        : status.getCode() + detail(status);
        }
    }

    /**
     * After a failed connect a gRPC channel fails every call at once until its back-off (up to two
     * minutes) ends; the backend may just have started, so the next request gets a fresh channel
     * that tries at once.
     */
    private void renew(Connection failed) {
        if (channel.compareAndSet(failed, open())) {
            failed.channel().shutdown();
            CompletableFuture.runAsync(() -> {
                try {
                    failed.channel().awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                failed.close();
            });
        }
    }

    /** The transport's reason, if any; grpc-netty reports a missing socket file without a message. */
    private static String detail(Status status) {
        Throwable cause = status.getCause();
        String text = cause == null ? status.getDescription()
                : cause.getMessage() != null ? cause.getMessage()
                : cause instanceof FileNotFoundException ? "no such socket"
                : cause.getClass().getSimpleName();
        return text == null ? "" : " (" + text + ")";
    }

    @Override
    public void close() {
        channel.get().close();
    }
}
