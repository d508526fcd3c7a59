package io.github.coco4j.ttrpc.server;

import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.frame.Frame;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One ttrpc request driven through a grpc-java method's {@code ServerCallHandler}, so services
 * and interceptors written for grpc-java run unchanged. Listener callbacks run one at a time on
 * the server's executor, inside the call's {@link Context} (its deadline is the request's
 * timeout_nano; it is cancelled when the connection closes). The first close wins: a handler
 * that answers after its deadline passed is not heard.
 */
final class TtrpcServerCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {
    private static final Logger LOG = Logger.getLogger(TtrpcServerCall.class.getName());

    private final ServerMethodDefinition<ReqT, RespT> method;
    private final ServerConnection connection;
    private final int streamId;
    private final ByteString payload;
    private final Metadata headers;
    private final Context.CancellableContext context;
    private final Executor executor;
    private final Consumer<TtrpcServerCall<?, ?>> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Guarded by this: listener callbacks are serialized on it. */
    private Listener<ReqT> listener;
    private ReqT request;
    private int demand;
    private boolean delivered;
    private boolean cancelDelivered;
    private volatile boolean cancelled;
    /** Not guarded by this: close() runs on the deadline thread while a handler blocks. */
    private final AtomicReference<ByteString> response = new AtomicReference<>();

    TtrpcServerCall(ServerMethodDefinition<ReqT, RespT> method, ServerConnection connection, int streamId, ByteString payload,
            Metadata headers, Context.CancellableContext context, Executor executor,
            Consumer<TtrpcServerCall<?, ?>> onClosed) {
        this.method = method;
        this.connection = connection;
        this.streamId = streamId;
        this.payload = payload;
        this.headers = headers;
        this.context = context;
        this.executor = executor;
        this.onClosed = onClosed;
        context.addListener(c -> onContextCancelled(), Runnable::run);
    }

    /** Decodes the request and starts the handler; runs on the executor. */
    void run() {
        ReqT decoded;
        try {
            decoded = method.getMethodDescriptor().parseRequest(payload.newInput());
        } catch (RuntimeException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            close(Status.INTERNAL.withDescription("ttrpc: error unmarshalling payload: " + reason.getMessage()), new Metadata());
            return;
        }
        synchronized (this) {
            if (cancelled) {
                return;
            }
            request = decoded;
            Listener<ReqT> started = guarded(() -> method.getServerCallHandler().startCall(this, headers));
            if (started == null) {
                return;
            }
            listener = started;
            callListener(Listener::onReady); // ttrpc has no flow control: always ready
            deliverRequest();
            if (cancelled) {
                deliverCancel();
            }
        }
    }

    /** Cancels the call because its connection is gone. */
    void cancel() {
        context.cancel(Status.CANCELLED.withDescription("connection closed").asRuntimeException());
    }

    @Override
    public synchronized void request(int numMessages) {
        demand += numMessages;
        deliverRequest();
    }

    /** The one request, once the handler asked for it; a unary call then half-closes. */
    private void deliverRequest() {
        if (listener != null && demand > 0 && !delivered && !cancelled) {
            delivered = true;
            ReqT message = request;
            request = null;
            callListener(l -> l.onMessage(message));
            callListener(Listener::onHalfClose);
        }
    }

    @Override
    public void sendHeaders(Metadata headers) {
        // ttrpc responses carry no headers.
    }

    @Override
    public void sendMessage(RespT message) {
        try (InputStream stream = method.getMethodDescriptor().streamResponse(message)) {
            if (!response.compareAndSet(null, ByteString.readFrom(stream))) {
                throw new IllegalStateException("a unary call answers one message");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(Status status, Metadata trailers) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ByteString answer = response.get() == null ? ByteString.EMPTY : response.get();
        if (status.isOk() && answer.size() > Frame.MAX_BODY_LENGTH) {
            status = Status.RESOURCE_EXHAUSTED.withDescription("response length " + answer.size()
                    + " exceeds maximum message size of " + Frame.MAX_BODY_LENGTH);
        }
        onClosed.accept(this); // before the answer: the client may start its next call on receipt
        if (status.isOk()) {
            connection.sendPayload(streamId, answer);
        } else {
            connection.sendStatus(streamId, status);
        }
        context.cancel(null); // releases the deadline timer; the call is over
        if (!cancelled) {
            submit(() -> {
                synchronized (this) {
                    callListener(Listener::onComplete);
                }
            });
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
        return method.getMethodDescriptor();
    }

    @Override
    public Attributes getAttributes() {
        return Attributes.newBuilder()
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, connection.localAddress())
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, connection.remoteAddress())
                .build();
    }

    @Override
    public String getAuthority() {
        return null; // ttrpc requests name no authority
    }

    /**
     * The deadline passed (answered DEADLINE_EXCEEDED, as grpc-java and the Go server do) or the
     * connection closed; either way the handler hears onCancel, after its current callback.
     */
    private void onContextCancelled() {
        if (closed.get()) {
            return;
        }
        cancelled = true;
        if (context.cancellationCause() instanceof TimeoutException) {
            close(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded"), new Metadata());
        } else {
            closed.set(true);
            onClosed.accept(this);
        }
        submit(() -> {
            synchronized (this) {
                deliverCancel();
            }
        });
    }

    private void deliverCancel() {
        if (listener != null && !cancelDelivered) {
            cancelDelivered = true;
            callListener(Listener::onCancel);
        }
    }

    private void callListener(Consumer<Listener<ReqT>> callback) {
        guarded(() -> {
            callback.accept(listener);
            return null;
        });
    }

    /**
     * Runs a handler callback inside the call's context. A handler that throws (even an Error)
     * fails its call with UNKNOWN, as in grpc-java, and never reaches the connection or the server.
     * Returns null then.
     */
    private <T> T guarded(Callable<T> callback) {
        try {
            return context.call(callback);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "ttrpc handler of " + method.getMethodDescriptor().getFullMethodName() + " failed", t);
            close(Status.fromThrowable(t), new Metadata());
            return null;
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the server is closing: its handlers see their context cancelled instead
        }
    }
}
