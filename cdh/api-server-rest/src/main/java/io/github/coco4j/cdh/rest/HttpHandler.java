package io.github.coco4j.cdh.rest;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * One connection's requests, answered in order. Reading pauses while an answer is outstanding, so
 * a client cannot queue work faster than the backends answer; requests a client pipelined in one
 * packet are chained behind each other, since HTTP/1.1 answers must keep the requests' order.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(HttpHandler.class.getName());

    private final Router router;
    /** Only touched on the channel's event loop. */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private int pending;

    HttpHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            refuseUnreadable(ctx, request.protocolVersion(), request.decoderResult().cause());
            return;
        }
        if (!isHttp1(request.protocolVersion())) {
            // The decoder accepts any HTTP/x.y; answering in that version would claim to speak it.
            refuse(ctx, HttpVersion.HTTP_1_1, request.protocolVersion().majorVersion() >= 2
                    ? Reply.text(505, "HTTP Version Not Supported") : Reply.badRequest());
            return;
        }
        // The request is released when this method returns: keep only what the answer needs.
        SocketAddress peer = ctx.channel().remoteAddress();
        String method = request.method().name();
        String uri = request.uri();
        HttpVersion version = request.protocolVersion();
        pending++;
        ctx.channel().config().setAutoRead(false);
        previous = previous
                .thenCompose(ignored -> router.route(peer, method, uri))
                .exceptionally(error -> Reply.internalError("internal error: " + error))
                .thenAcceptAsync(reply -> send(ctx, version, method, uri, reply), ctx.executor())
                .exceptionally(error -> null);
    }

    private void send(ChannelHandlerContext ctx, HttpVersion version, String method, String uri, Reply reply) {
        // Never the query (it may carry runtime data) nor the body (resources and tokens are secrets).
        LOG.info(() -> method + " " + pathOf(uri) + " -> " + reply.status() + " (" + reply.body().length + " bytes)");
        ctx.writeAndFlush(response(version, reply));
        if (--pending == 0) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static boolean isHttp1(HttpVersion version) {
        return version.protocolName().equals("HTTP") && version.majorVersion() == 1 && version.minorVersion() <= 1;
    }

    /** A request the decoder could not read: answer, then close, since the stream is out of step. */
    private void refuseUnreadable(ChannelHandlerContext ctx, HttpVersion version, Throwable cause) {
        Reply reply = cause instanceof TooLongHttpLineException ? Reply.text(414, "URI Too Long")
                : cause instanceof TooLongHttpHeaderException ? Reply.text(431, "Request Header Fields Too Large")
                : cause instanceof TooLongFrameException ? Reply.text(413, "Payload Too Large")
                : Reply.badRequest();
        LOG.fine(() -> "unreadable request: " + cause);
        refuse(ctx, version, reply);
    }

    /** Answers after the requests before it, then closes the connection. */
    private void refuse(ChannelHandlerContext ctx, HttpVersion version, Reply reply) {
        FullHttpResponse response = response(version, reply);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        previous.thenRunAsync(() -> ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE),
                ctx.executor());
    }

    private static FullHttpResponse response(HttpVersion version, Reply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(version,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                // Resources and tokens are secrets: no cache on the way may keep them.
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** Idle keep-alive connections are closed; one waiting for a backend is not idle. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && pending == 0) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.fine(() -> "connection from " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
