package io.github.coco4j.ttrpc.server;

import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.TtrpcStatus;
import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.FrameReader;
import io.github.coco4j.ttrpc.frame.FrameWriter;
import io.github.coco4j.ttrpc.frame.Inbound;
import io.github.coco4j.ttrpc.frame.OversizedFrame;
import io.github.coco4j.ttrpc.wire.KeyValue;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection, read by a thread of its own: turns request frames into calls on the
 * executor, so that a blocking handler (WaitProcess, ReadStdout) never holds up the connection's
 * other calls. Answers what cannot become a call (bad frames, unknown methods, too many calls)
 * on the reading thread itself. Responses are written by whichever thread ends a call.
 */
final class ServerConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    private final SocketChannel channel;
    private final FrameWriter writer;
    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final MethodRegistry registry;
    private final Executor executor;
    private final ScheduledExecutorService deadlines;
    private final int maxCalls;
    private final Set<TtrpcServerCall<?, ?>> calls = ConcurrentHashMap.newKeySet();

    ServerConnection(SocketChannel channel, MethodRegistry registry, Executor executor, ScheduledExecutorService deadlines,
            int maxCalls) throws IOException {
        this.channel = channel;
        this.writer = new FrameWriter(channel);
        this.localAddress = channel.getLocalAddress();
        this.remoteAddress = channel.getRemoteAddress();
        this.registry = registry;
        this.executor = executor;
        this.deadlines = deadlines;
        this.maxCalls = maxCalls;
    }

    /** Reads and answers frames until the peer or {@link #close()} ends the connection. */
    @Override
    public void run() {
        FrameReader reader = new FrameReader(channel);
        try {
            for (Inbound inbound = reader.read(); inbound != null; inbound = reader.read()) {
                dispatch(inbound);
            }
        } catch (IOException e) {
            // A reset or broken connection ends this connection only.
            LOG.log(Level.FINE, "ttrpc connection " + remoteAddress + " failed", e);
        } finally {
            close();
        }
    }

    private void dispatch(Inbound inbound) {
        if (inbound.type() != Frame.TYPE_REQUEST) {
            return; // ttrpc 1.1 ignores other frame types
        }
        int streamId = inbound.streamId();
        if (inbound instanceof OversizedFrame oversized) {
            sendStatus(streamId, Status.RESOURCE_EXHAUSTED.withDescription(oversized.message()));
            return;
        }
        if (streamId % 2 == 0) {
            sendStatus(streamId, Status.INVALID_ARGUMENT.withDescription("StreamID must be odd for client initiated streams"));
            return;
        }
        Request request;
        try {
            request = Request.parseFrom(((Frame) inbound).body());
        } catch (IOException e) {
            sendStatus(streamId, Status.INVALID_ARGUMENT.withDescription("unmarshal request error: " + e.getMessage()));
            return;
        }
        try {
            start(streamId, request, registry.lookup(request.getService(), request.getMethod()));
        } catch (StatusException e) {
            sendStatus(streamId, e.getStatus());
        }
    }

    private <ReqT, RespT> void start(int streamId, Request request, ServerMethodDefinition<ReqT, RespT> method)
            throws StatusException {
        if (calls.size() >= maxCalls) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("too many concurrent calls on one connection (limit " + maxCalls + ")")
                    .asException();
        }
        Context.CancellableContext context;
        try {
            // ROOT, not the reading thread's context: nothing of the server's leaks into handlers.
            context = request.getTimeoutNano() > 0
                    ? Context.ROOT.withDeadlineAfter(request.getTimeoutNano(), TimeUnit.NANOSECONDS, deadlines)
                    : Context.ROOT.withCancellation();
        } catch (RejectedExecutionException e) {
            throw shuttingDown();
        }
        TtrpcServerCall<ReqT, RespT> call = new TtrpcServerCall<>(method, this, streamId, request.getPayload(),
                headers(request), context, executor, calls::remove);
        calls.add(call);
        try {
            executor.execute(call::run);
        } catch (RejectedExecutionException e) {
            calls.remove(call);
            context.cancel(null);
            throw shuttingDown();
        }
    }

    private static StatusException shuttingDown() {
        return Status.UNAVAILABLE.withDescription("server is shutting down").asException();
    }

    /** ttrpc metadata as grpc headers; keys grpc cannot hold (binary, malformed) are left out. */
    private static Metadata headers(Request request) {
        Metadata headers = new Metadata();
        for (KeyValue entry : request.getMetadataList()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                continue;
            }
            try {
                headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), entry.getValue());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.FINE, "ttrpc metadata key {0} left out: {1}", new Object[] {key, e.getMessage()});
            }
        }
        return headers;
    }

    /** A success: no status at all, as the Go server sends it. */
    void sendPayload(int streamId, ByteString payload) {
        send(streamId, Response.newBuilder().setPayload(payload).build());
    }

    /** An error: a status and no payload, which the Go client decodes before the status. */
    void sendStatus(int streamId, Status status) {
        send(streamId, Response.newBuilder().setStatus(TtrpcStatus.toProto(status)).build());
    }

    /** A response that cannot be written ends the connection: the peer's stream is out of step. */
    private void send(int streamId, Response response) {
        try {
            writer.write(new Frame(streamId, Frame.TYPE_RESPONSE, response.toByteArray()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot answer ttrpc connection " + remoteAddress, e);
            close();
        }
    }

    SocketAddress localAddress() {
        return localAddress;
    }

    SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Closes the socket, which ends the reading thread, and cancels the contexts of the calls in flight. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing ttrpc connection " + remoteAddress, e);
        }
        for (TtrpcServerCall<?, ?> call : calls) {
            call.cancel();
        }
    }
}
