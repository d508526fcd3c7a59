package io.github.coco4j.ttrpc.client;

import io.github.coco4j.ttrpc.EpollTransport;
import io.github.coco4j.ttrpc.TtrpcAddress;
import io.github.coco4j.ttrpc.frame.Frame;
import io.github.coco4j.ttrpc.frame.FrameDecoder;
import io.github.coco4j.ttrpc.frame.FrameEncoder;
import io.github.coco4j.ttrpc.frame.OversizedFrame;
import io.github.coco4j.ttrpc.wire.Request;
import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to a ttrpc server, shared by every call of a channel: it numbers the calls'
 * streams 1, 3, 5 … (odd ids are the client's) and matches responses to them in any order.
 */
final class ClientConnection extends SimpleChannelInboundHandler<Object> {
    private final TtrpcAddress address;
    private final ChannelFuture connected;
    private final Map<Integer, ResponseSink> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextStreamId = new AtomicInteger(1);

    private ClientConnection(TtrpcAddress address, EventLoopGroup eventLoop) {
        this.address = address;
        ClientConnection handler = this;
        this.connected = new Bootstrap()
                .group(eventLoop)
                .channel(EpollTransport.channelType(address))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE, handler);
                    }
                })
                .connect(address.socketAddress());
    }

    /** Starts connecting; calls sent meanwhile wait for the connection. */
    static ClientConnection open(TtrpcAddress address, EventLoopGroup eventLoop) {
        return new ClientConnection(address, eventLoop);
    }

    /** Whether the connection failed or was lost, so the next call needs a new one. */
    boolean isClosed() {
        return connected.isDone() && !connected.channel().isActive();
    }

    /** What went wrong, never "null": netty reports a missing socket file without a message. */
    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** Sends a request on a new stream, whose outcome goes to {@code sink}; returns the stream id. */
    int send(Request request, ResponseSink sink) {
        int streamId = nextStreamId.getAndAdd(2);
        pending.put(streamId, sink);
        connected.addListener(connect -> {
            if (!connect.isSuccess()) {
                fail(streamId, Status.UNAVAILABLE.withDescription("cannot connect to " + address + ": " + reason(connect.cause()))
                        .withCause(connect.cause()));
                return;
            }
            Frame frame = new Frame(streamId, Frame.TYPE_REQUEST, (byte) 0, Unpooled.wrappedBuffer(request.toByteArray()));
            connected.channel().writeAndFlush(frame).addListener(write -> {
                if (!write.isSuccess()) {
                    fail(streamId, Status.UNAVAILABLE.withDescription("cannot send to " + address + ": " + reason(write.cause()))
                            .withCause(write.cause()));
                }
            });
        });
        return streamId;
    }

    /** Drops a stream the call gave up on (deadline, cancellation); a late answer is discarded. */
    void forget(int streamId) {
        pending.remove(streamId);
    }

    void close() {
        connected.channel().close();
    }

    private void fail(int streamId, Status status) {
        ResponseSink sink = pending.remove(streamId);
        if (sink != null) {
            sink.onFailure(status);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof OversizedFrame oversized) {
            if (oversized.type() == Frame.TYPE_RESPONSE) {
                fail(oversized.streamId(), Status.RESOURCE_EXHAUSTED.withDescription(oversized.message()));
            }
            return;
        }
        Frame frame = (Frame) message;
        if (frame.type() != Frame.TYPE_RESPONSE) {
            return;
        }
        ResponseSink sink = pending.remove(frame.streamId());
        if (sink == null) {
            return; // the call already ended
        }
        Response response;
        try {
            response = Response.parseFrom(new ByteBufInputStream(frame.body()));
        } catch (IOException e) {
            sink.onFailure(Status.INTERNAL.withDescription("cannot decode the ttrpc response: " + e.getMessage()).withCause(e));
            return;
        }
        sink.onResponse(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Status lost = Status.UNAVAILABLE.withDescription("connection to " + address + " closed");
        for (Integer streamId : pending.keySet()) {
            fail(streamId, lost);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // channelInactive fails the calls in flight
    }
}
