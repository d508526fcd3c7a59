package io.github.coco4j.ttrpc.client;

import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.TtrpcStatus;
import io.github.coco4j.ttrpc.wire.KeyValue;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One unary call over ttrpc: the request goes out on halfClose as one frame; the outcome
 * (response, error status, deadline, cancellation or lost connection, whichever comes first)
 * reaches the listener once, on the call's executor.
 */
final class TtrpcClientCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
    private final TtrpcChannel channel;
    private final MethodDescriptor<ReqT, RespT> method;
    private final CallOptions options;
    private final Executor executor;
    private final Context context = Context.current();
    private final Context.CancellationListener contextListener = this::onContextCancelled;
    private final AtomicBoolean completed = new AtomicBoolean();

    private Listener<RespT> listener;
    private Metadata headers;
    private Deadline deadline;
    private ByteString payload;
    private ClientConnection connection;
    private int streamId;
    private ScheduledFuture<?> deadlineTimer;

    /** Guarded by this: the listener gets the response only when it asked for a message. */
    private int demand;
    private Runnable heldDelivery;

    TtrpcClientCall(TtrpcChannel channel, MethodDescriptor<ReqT, RespT> method, CallOptions options, Executor executor) {
        this.channel = channel;
        this.method = method;
        this.options = options;
        this.executor = executor;
    }

    @Override
    public void start(Listener<RespT> listener, Metadata headers) {
        this.listener = listener;
        this.headers = headers;
        deadline = earliest(options.getDeadline(), context.getDeadline());
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            complete(Status.UNIMPLEMENTED.withDescription(method.getFullMethodName() + " is streaming; ttrpc carries unary calls only"), null);
        } else if (!channel.register(this)) {
            complete(Status.UNAVAILABLE.withDescription("channel shut down"), null);
        } else if (deadline != null && deadline.isExpired()) {
            complete(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded before the call started"), null);
        } else {
            context.addListener(contextListener, Runnable::run);
        }
    }

    private static Deadline earliest(Deadline a, Deadline b) {
        return a == null ? b : b == null ? a : a.minimum(b);
    }

    @Override
    public void request(int numMessages) {
        Runnable delivery;
        synchronized (this) {
            demand += numMessages;
            delivery = heldDelivery;
            heldDelivery = null;
        }
        if (delivery != null) {
            executor.execute(delivery);
        }
    }

    @Override
    public void sendMessage(ReqT message) {
        if (completed.get()) {
            return;
        }
        if (payload != null) {
            throw new IllegalStateException("a unary call sends one message");
        }
        try (InputStream stream = method.streamRequest(message)) {
            payload = ByteString.readFrom(stream);
        } catch (IOException e) {
            complete(Status.INTERNAL.withDescription("cannot encode the request").withCause(e), null);
        }
    }

    @Override
    public void halfClose() {
        if (completed.get()) {
            return;
        }
        Request.Builder request = Request.newBuilder()
                .setService(method.getServiceName())
                .setMethod(method.getBareMethodName())
                .setPayload(payload == null ? ByteString.EMPTY : payload);
        for (String key : headers.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                for (String value : headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                    request.addMetadata(KeyValue.newBuilder().setKey(key).setValue(value));
                }
            }
        }
        if (deadline != null) {
            long remaining = deadline.timeRemaining(TimeUnit.NANOSECONDS);
            request.setTimeoutNano(Math.max(1, remaining));
            deadlineTimer = channel.scheduler().schedule(
                    () -> complete(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after " + remaining + "ns"), null),
                    remaining, TimeUnit.NANOSECONDS);
        }
        ClientConnection target;
        int stream;
        try {
            target = channel.connection();
        } catch (IOException e) {
            complete(Status.UNAVAILABLE.withDescription("cannot connect to " + channel.authority() + ": " + e.getMessage())
                    .withCause(e), null);
            return;
        }
        synchronized (this) {
            connection = target;
            streamId = target.newStream();
            stream = streamId;
        }
        // Outside the lock: the write may block, and the deadline timer must still reach complete().
        target.send(stream, request.build(), new ResponseSink() {
            @Override
            public void onResponse(Response response) {
                complete(response.hasStatus() ? TtrpcStatus.fromProto(response.getStatus()) : Status.OK, response.getPayload());
            }

            @Override
            public void onFailure(Status status) {
                complete(status, null);
            }
        });
    }

    @Override
    public void cancel(String message, Throwable cause) {
        complete(Status.CANCELLED.withDescription(message != null ? message : "call cancelled").withCause(cause), null);
    }

    @Override
    public boolean isReady() {
        return !completed.get();
    }

    /** Fails the call because its channel was shut down now. */
    void abort() {
        complete(Status.UNAVAILABLE.withDescription("channel shut down"), null);
    }

    private void onContextCancelled(Context cancelled) {
        if (cancelled.cancellationCause() instanceof TimeoutException) {
            complete(Status.DEADLINE_EXCEEDED.withDescription("context deadline exceeded"), null);
        } else {
            complete(Status.CANCELLED.withDescription("context cancelled").withCause(cancelled.cancellationCause()), null);
        }
    }

    /** Ends the call once: the first outcome wins, later ones (a late answer) are dropped. */
    private void complete(Status status, ByteString responsePayload) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (connection != null) {
                connection.forget(streamId);
            }
        }
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        context.removeListener(contextListener);
        if (listener == null) {
            channel.completed(this);
            return; // cancelled before start: nobody to tell
        }
        Runnable delivery = status.isOk() ? () -> deliver(responsePayload) : () -> listener.onClose(status, new Metadata());
        boolean hold;
        synchronized (this) {
            hold = status.isOk() && demand == 0;
            heldDelivery = hold ? delivery : null;
        }
        if (!hold) {
            executor.execute(delivery);
        }
        // Last: when it ends a shut-down channel, the callbacks pool stops after the tasks queued.
        channel.completed(this);
    }

    private void deliver(ByteString responsePayload) {
        RespT response;
        try {
            response = method.parseResponse(responsePayload.newInput());
        } catch (RuntimeException e) {
            listener.onClose(Status.INTERNAL.withDescription("cannot decode the response of " + method.getFullMethodName())
                    .withCause(e), new Metadata());
            return;
        }
        listener.onHeaders(new Metadata());
        listener.onMessage(response);
        listener.onClose(Status.OK, new Metadata());
    }
}
