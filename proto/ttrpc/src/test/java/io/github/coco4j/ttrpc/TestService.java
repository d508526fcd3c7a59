package io.github.coco4j.ttrpc;

import io.github.coco4j.ttrpc.testproto.BlockRequest;
import io.github.coco4j.ttrpc.testproto.EchoReply;
import io.github.coco4j.ttrpc.testproto.EchoRequest;
import io.github.coco4j.ttrpc.testproto.FailRequest;
import io.github.coco4j.ttrpc.testproto.TestServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The tests' service: echoes what it got, fails on request, and blocks until told or cancelled. */
final class TestService extends TestServiceGrpc.TestServiceImplBase {
    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    /** Opened by a test to release the calls blocked with until "latch". */
    final CountDownLatch latch = new CountDownLatch(1);
    /** One permit per call that started blocking. */
    final Semaphore blocked = new Semaphore(0);
    /** One permit per blocked call that saw its context cancelled. */
    final Semaphore cancelled = new Semaphore(0);

    /** The service with the request headers made visible to the handlers. */
    ServerServiceDefinition definition() {
        return ServerInterceptors.intercept(this, new io.grpc.ServerInterceptor() {
            @Override
            public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
                    Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
                return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
            }
        });
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> response) {
        Metadata headers = HEADERS.get();
        List<String> metadata = new ArrayList<>();
        for (String key : headers.keys()) {
            metadata.add(key + "=" + String.join(",", headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))));
        }
        metadata.sort(null);
        Deadline deadline = Context.current().getDeadline();
        response.onNext(EchoReply.newBuilder()
                .setText(request.getText())
                .setDataLength(request.getData().size())
                .addAllMetadata(metadata)
                .setDeadlineMillis(deadline == null ? 0 : deadline.timeRemaining(TimeUnit.MILLISECONDS))
                .build());
        response.onCompleted();
    }

    @Override
    public void fail(FailRequest request, StreamObserver<EchoReply> response) {
        response.onError(Status.fromCodeValue(request.getCode()).withDescription(request.getMessage()).asRuntimeException());
    }

    @Override
    public void block(BlockRequest request, StreamObserver<EchoReply> response) {
        CountDownLatch cancellation = new CountDownLatch(1);
        Context.current().addListener(c -> cancellation.countDown(), Runnable::run);
        blocked.release();
        try {
            if ("latch".equals(request.getUntil())) {
                while (!latch.await(10, TimeUnit.MILLISECONDS) && cancellation.getCount() > 0) {
                    // wait for the test or the cancellation
                }
            } else {
                cancellation.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Context.current().isCancelled()) {
            cancelled.release();
            response.onError(Status.CANCELLED.withDescription("cancelled").asRuntimeException());
            return;
        }
        response.onNext(EchoReply.newBuilder().setText("released").build());
        response.onCompleted();
    }
}
