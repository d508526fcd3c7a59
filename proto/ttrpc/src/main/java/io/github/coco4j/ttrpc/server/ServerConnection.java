package io.github.coco4j.ttrpc.server;

import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.OversizedFrame;
import io.github.coco4j.ttrpc.wire.KeyValue;
import io.github.coco4j.ttrpc.wire.Request;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: turns request frames into calls on the executor, so that a blocking
 * handler (WaitProcess, ReadStdout) never holds up the connection's other calls. Answers what
 * cannot become a call (bad frames, unknown methods, too many calls) on the event loop itself.
 */
final class ServerConnection extends SimpleChannelInboundHandler<Object> {
    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    private final MethodRegistry registry;
    private final Executor executor;
    private final int maxCalls;
    private final Set<TtrpcServerCall<?, ?>> calls = ConcurrentHashMap.newKeySet();

    ServerConnection(MethodRegistry registry, Executor executor, int maxCalls) {
        this.registry = registry;
        this.executor = executor;
        this.maxCalls = maxCalls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof OversizedFrame oversized) {
            if (oversized.type() == Frame.TYPE_REQUEST) {
                Responses.sendStatus(ctx.channel(), oversized.streamId(), Status.RESOURCE_EXHAUSTED.withDescription(oversized.message()));
            }
            return;
        }
        Frame frame = (Frame) message;
        if (frame.type() != Frame.TYPE_REQUEST) {
            return; // ttrpc 1.1 ignores other frame types
        }
        int streamId = frame.streamId();
        if (streamId % 2 == 0) {
            Responses.sendStatus(ctx.channel(), streamId,
                    Status.INVALID_ARGUMENT.withDescription("StreamID must be odd for client initiated streams"));
            return;
        }
        Request request;
        try {
            request = Request.parseFrom(new ByteBufInputStream(frame.body()));
        } catch (IOException e) {
            Responses.sendStatus(ctx.channel(), streamId, Status.INVALID_ARGUMENT.withDescription("unmarshal request error: " + e.getMessage()));
            return;
        }
        try {
            start(ctx, streamId, request, registry.lookup(request.getService(), request.getMethod()));
        } catch (StatusException e) {
            Responses.sendStatus(ctx.channel(), streamId, e.getStatus());
        }
    }

    private <ReqT, RespT> void start(ChannelHandlerContext ctx, int streamId, Request request,
            ServerMethodDefinition<ReqT, RespT> method) throws StatusException {
        if (calls.size() >= maxCalls) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("too many concurrent calls on one connection (limit " + maxCalls + ")")
                    .asException();
        }
        // ROOT, not the event loop's context: nothing of the server's leaks into handlers.
        Context.CancellableContext context = request.getTimeoutNano() > 0
                ? Context.ROOT.withDeadlineAfter(request.getTimeoutNano(), TimeUnit.NANOSECONDS, ctx.channel().eventLoop())
                : Context.ROOT.withCancellation();
        TtrpcServerCall<ReqT, RespT> call = new TtrpcServerCall<>(method, ctx.channel(), streamId, request.getPayload(),
                headers(request), context, executor, calls::remove);
        calls.add(call);
        try {
            executor.execute(call::run);
        } catch (RejectedExecutionException e) {
            calls.remove(call);
            context.cancel(null);
            throw Status.UNAVAILABLE.withDescription("server is shutting down").asException();
        }
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (TtrpcServerCall<?, ?> call : calls) {
            call.cancel();
        }
        ctx.fireChannelInactive();
    }

    /** A reset or broken connection ends this connection only. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "ttrpc connection " + ctx.channel().remoteAddress() + " failed", cause);
        ctx.close();
    }
}
